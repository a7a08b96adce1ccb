import { createSignal, createUniqueId, Show } from 'solid-js';
import { TabagentError } from '../../core/errors';
import { ErrorAlert } from '../components/error-alert';
import { errorText } from '../errors/error-text';
import { t } from './messages';
import type { McpServerStatus, ToolLibraryServices } from '../../app/tools/tool-library-services';

export interface McpOAuthControlsProps {
  server: McpServerStatus;
  library: Pick<ToolLibraryServices, 'signInMcp' | 'signOutMcp'>;
  /** Says something to screen readers and sighted users alike (a polite status). */
  announce: (message: string) => void;
}

/** The sign-in errors the person can act on, in the interface language; others as `errorText` puts them. */
function signInErrorText(error: unknown, name: string): string {
  if (TabagentError.is(error) && error.code === 'auth') {
    if (error.data.reason === 'popup-blocked') return t('popupBlocked', { name });
    if (error.data.reason === 'client-id-required') return t('oauthNeedsClientId', { name });
  }
  return errorText(error);
}

/**
 * The OAuth part of one MCP server's row: what its sign-in needs ("Sign in to <server>", and an
 * "OAuth client ID" field where its authorization server does not register apps itself), or,
 * once signed in, "Sign out of <server>" (revokes the token and disconnects). Shown only for
 * servers that asked for a sign-in. The popup is opened by the library inside the click itself:
 * nothing may be awaited before `signInMcp` is called.
 */
export function McpOAuthControls(props: McpOAuthControlsProps) {
  const clientIdId = createUniqueId();
  const hintId = createUniqueId();
  const [clientId, setClientId] = createSignal(props.server.oauth?.clientId ?? '');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const name = () => props.server.name || props.server.url;
  const oauth = () => props.server.oauth;
  const manual = () => oauth()?.registration === 'manual';
  /** Counts sign-ins: a click while one waits starts a new one, and only the newest may update the row. */
  let attempt = 0;

  async function signIn(): Promise<void> {
    const signInMcp = props.library.signInMcp;
    if (!signInMcp) return;
    const typed = clientId().trim();
    if (manual() && typed === '') {
      setError(t('oauthClientIdMissing'));
      return;
    }
    setError(undefined);
    setBusy(true);
    const current = (attempt += 1);
    try {
      // Called synchronously in the click: the library opens the popup before its first await.
      const status = await signInMcp(props.server.id, manual() ? { clientId: typed } : {});
      props.announce(t('signedIn', { name: status.name || status.url, count: status.tools.length }));
    } catch (caught) {
      // An earlier sign-in replaced by this click ends quietly.
      if (current === attempt) setError(signInErrorText(caught, name()));
    } finally {
      if (current === attempt) setBusy(false);
    }
  }

  async function signOut(): Promise<void> {
    const signOutMcp = props.library.signOutMcp;
    if (!signOutMcp) return;
    setError(undefined);
    try {
      const { revoked } = await signOutMcp(props.server.id);
      props.announce(t('signedOut', { name: name(), revoked: revoked ? 'yes' : 'no' }));
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  return (
    <Show when={oauth() && props.library.signInMcp ? oauth() : undefined}>
      {(current) => (
        <div class="tools-oauth">
          <Show
            when={!current().signedIn}
            fallback={
              <div class="tools-item-controls">
                <span class="muted">{t('oauthSignedIn')}</span>
                <button type="button" onClick={() => void signOut()}>
                  {t('signOut', { name: name() })}
                </button>
              </div>
            }
          >
            <p id={hintId} class="muted">
              {manual() ? t('oauthNeedsClientId', { name: name() }) : t('oauthNeedsSignIn', { name: name() })}
            </p>
            <Show when={manual()}>
              <Show when={current().redirectUrl}>{(url) => <p class="muted">{t('oauthRedirectUri', { url: url() })}</p>}</Show>
              <div class="field">
                <label for={clientIdId}>{t('oauthClientId')}</label>
                <input
                  id={clientIdId}
                  autocomplete="off"
                  spellcheck={false}
                  aria-describedby={hintId}
                  value={clientId()}
                  onInput={(event) => setClientId(event.currentTarget.value)}
                />
              </div>
            </Show>
            <div class="tools-item-controls">
              <button type="button" class="primary" aria-describedby={hintId} onClick={() => void signIn()}>
                {t('signIn', { name: name() })}
              </button>
              <Show when={busy()}>
                <span class="muted">
                  {t('signingIn')}
                </span>
              </Show>
            </div>
          </Show>
          <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
        </div>
      )}
    </Show>
  );
}
