import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { McpServersImportOutcome, ToolLibraryServices } from '../../app/tools/tool-library-services';
import { ErrorAlert } from '../components/error-alert';
import { errorText } from '../errors/error-text';
import { t } from './messages';

/**
 * "Paste mcpServers JSON": adds the remote servers of a Claude Desktop, Cursor or VS Code config,
 * switched off (nothing is contacted until the person connects each), and lists what was refused
 * (stdio entries) with why. Bad JSON shows its error and adds nothing.
 */
export function McpImportForm(props: { importMcpServers: NonNullable<ToolLibraryServices['importMcpServers']>; announce: (message: string) => void }) {
  const headingId = createUniqueId();
  const textId = createUniqueId();
  const hintId = createUniqueId();
  const [text, setText] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [outcome, setOutcome] = createSignal<McpServersImportOutcome>();

  async function submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!text().trim() || busy()) return;
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const result = await props.importMcpServers(text());
      setOutcome(result);
      if (result.added.length > 0) setText('');
      props.announce(t('serversAdded', { count: result.added.length, names: result.added.join(', ') }));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="tools-form" aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
      <h4 id={headingId}>{t('pasteHeading')}</h4>
      <div class="field">
        <label for={textId}>{t('pasteLabel')}</label>
        <textarea
          id={textId}
          rows={6}
          spellcheck={false}
          aria-describedby={hintId}
          placeholder={'{ "mcpServers": { "docs": { "type": "http", "url": "https://example.com/mcp" } } }'}
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <small id={hintId} class="muted">
          {t('pasteHint')}
        </small>
      </div>
      <button type="submit" disabled={busy() || !text().trim()}>
        {busy() ? t('addingServers') : t('addServers')}
      </button>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={outcome()}>
        {(result) => (
          <div role="status">
            <p>{t('serversAdded', { count: result().added.length, names: result().added.join(', ') })}</p>
            <Show when={result().refused.length > 0}>
              <ul class="tools-refused">
                <For each={result().refused}>{(entry) => <li>{t('serverRefused', { name: entry.name, reason: entry.reason })}</li>}</For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
    </form>
  );
}
