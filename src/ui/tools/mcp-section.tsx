import { createSignal, createUniqueId, For, onMount, Show, type JSX } from 'solid-js';
import { errorText } from '../errors/error-text';
import { ErrorAlert } from '../components/error-alert';
import { McpImportForm } from './mcp-import-form';
import { ServerResources } from './server-resources';
import { McpOAuthControls } from './mcp-oauth-controls';
import { t } from './messages';
import type { McpServerStatus, ToolLibraryServices } from '../../app/tools/tool-library-services';

type AuthChoice = 'none' | 'bearer' | 'header';

export interface McpSectionProps {
  library: ToolLibraryServices;
  servers: McpServerStatus[];
  /** Says something to screen readers and sighted users alike (a polite status). */
  announce: (message: string) => void;
  /** A URL to start with (the MCP demo's): the field is filled in and focused. */
  initialUrl?: string | undefined;
  /** Shown above the form (the demo's note on starting the server). */
  note?: JSX.Element;
}

function stateText(server: McpServerStatus): string {
  switch (server.state) {
    case 'connected':
      return t('stateConnected', { transport: server.transport === 'sse' ? 'HTTP+SSE' : 'Streamable HTTP' });
    case 'connecting':
      return t('stateConnecting');
    case 'error':
      // The sign-in controls below say what is needed.
      return server.oauth && !server.oauth.signedIn ? t('stateSignInNeeded') : t('stateError', { message: server.error?.message ?? '' });
    default:
      return t('stateDisconnected');
  }
}

/** The "MCP server URL" form with optional auth, and the connected servers with their state and controls. */
export function McpSection(props: McpSectionProps) {
  const headingId = createUniqueId();
  const urlId = createUniqueId();
  const urlHintId = createUniqueId();
  const authId = createUniqueId();
  const headerId = createUniqueId();
  const valueId = createUniqueId();
  const secretHintId = createUniqueId();
  const [url, setUrl] = createSignal(props.initialUrl ?? '');
  let urlInput: HTMLInputElement | undefined;
  onMount(() => {
    if (!props.initialUrl || !urlInput) return;
    urlInput.scrollIntoView({ block: 'center' });
    urlInput.focus();
  });
  const [auth, setAuth] = createSignal<AuthChoice>('none');
  const [header, setHeader] = createSignal('X-API-Key');
  const [value, setValue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();

  async function connect(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!url().trim() || busy()) return;
    setBusy(true);
    setError(undefined);
    const choice = auth();
    const secret = value();
    try {
      const status = await props.library.connectMcp({
        url: url().trim(),
        ...(choice !== 'none' && secret !== ''
          ? { auth: choice === 'bearer' ? { header: 'Authorization', value: `Bearer ${secret}` } : { header: header().trim(), value: secret } }
          : {}),
      });
      setUrl('');
      setValue('');
      const name = status.name || status.url;
      props.announce(status.oauth && !status.oauth.signedIn ? t('signInNeeded', { name }) : t('connected', { name: status.name, count: status.tools.length }));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  async function act(action: () => Promise<unknown>): Promise<void> {
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  return (
    <section class="tools-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('mcpHeading')}</h3>
      <p class="muted">{t('mcpIntro')}</p>
      {props.note}
      <form class="tools-form" onSubmit={(event) => void connect(event)}>
        <div class="field">
          <label for={urlId}>{t('mcpUrl')}</label>
          <input
            id={urlId}
            ref={urlInput}
            type="url"
            inputmode="url"
            placeholder="http://127.0.0.1:3001/mcp"
            aria-describedby={urlHintId}
            value={url()}
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
          <small id={urlHintId} class="muted">
            {t('mcpUrlHint')}
          </small>
        </div>
        <div class="tools-form-row">
          <div class="field">
            <label for={authId}>{t('auth')}</label>
            <select id={authId} value={auth()} onChange={(event) => setAuth(event.currentTarget.value as AuthChoice)}>
              <option value="none">{t('authNone')}</option>
              <option value="bearer">{t('authBearer')}</option>
              <option value="header">{t('authHeader')}</option>
            </select>
          </div>
          <Show when={auth() === 'header'}>
            <div class="field">
              <label for={headerId}>{t('headerName')}</label>
              <input id={headerId} value={header()} autocomplete="off" onInput={(event) => setHeader(event.currentTarget.value)} />
            </div>
          </Show>
          <Show when={auth() !== 'none'}>
            <div class="field">
              <label for={valueId}>{auth() === 'bearer' ? t('token') : t('headerValue')}</label>
              <input
                id={valueId}
                type="password"
                autocomplete="off"
                aria-describedby={secretHintId}
                value={value()}
                onInput={(event) => setValue(event.currentTarget.value)}
              />
              <small id={secretHintId} class="muted">
                {t('secretHint')}
              </small>
            </div>
          </Show>
        </div>
        <button type="submit" class="primary" disabled={busy() || !url().trim()}>
          {busy() ? t('connecting') : t('connect')}
        </button>
      </form>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={props.library.importMcpServers !== undefined}>
        <McpImportForm importMcpServers={(text) => props.library.importMcpServers?.(text) ?? Promise.resolve({ added: [], refused: [] })} announce={props.announce} />
      </Show>
      <Show when={props.servers.length > 0} fallback={<p class="muted">{t('noServers')}</p>}>
        <ul class="tools-servers">
          <For each={props.servers}>
            {(server) => {
              const label = () => server.name || server.url;
              return (
                <li class="tools-server" data-state={server.state}>
                  <div class="tools-item-head">
                    <strong>{label()}</strong>
                    <code class="tools-server-url">{server.url}</code>
                  </div>
                  <p class="tools-server-state" classList={{ 'tools-error-text': server.state === 'error' }}>
                    {stateText(server)}
                  </p>
                  <p class="muted">
                    {t('serverCounts', { tools: server.tools.length, resources: server.resources.length, prompts: server.prompts.length })}
                    <Show when={server.authHeaders.length > 0}> · {t('authHeaders', { headers: server.authHeaders.join(', ') })}</Show>
                  </p>
                  <Show when={server.skipped.length > 0}>
                    <details>
                      <summary>{t('skippedTools', { count: server.skipped.length })}</summary>
                      <ul>
                        <For each={server.skipped}>{(line) => <li>{line}</li>}</For>
                      </ul>
                    </details>
                  </Show>
                  <Show when={server.state === 'connected' ? props.library.content : undefined}>
                    {(content) => <ServerResources server={server} content={content()} />}
                  </Show>
                  <McpOAuthControls server={server} library={props.library} announce={props.announce} />
                  <div class="tools-item-controls">
                    <Show
                      when={server.enabled && server.state !== 'error' && server.state !== 'disconnected'}
                      fallback={
                        <button type="button" aria-label={t('reconnectServer', { name: label() })} onClick={() => void act(() => props.library.reconnectMcp(server.id))}>
                          {t('reconnect')}
                        </button>
                      }
                    >
                      <button type="button" aria-label={t('disconnectServer', { name: label() })} onClick={() => void act(() => props.library.disconnectMcp(server.id))}>
                        {t('disconnect')}
                      </button>
                    </Show>
                    <button type="button" aria-label={t('removeServer', { name: label() })} onClick={() => void act(() => props.library.removeMcp(server.id))}>
                      {t('remove')}
                    </button>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
