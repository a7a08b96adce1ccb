import { createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { errorText } from '../errors/error-text';
import { ErrorAlert } from '../components/error-alert';
import { t } from './messages';
import { demoPresets, endsOnToolsPage, MCP_DEMO_COMMAND, MCP_DEMO_URL, OPENAPI_DEMO_TOOLS, type DemoId, type DemoPreset } from './presets';
import { demoTexts, startDemo, type DemoHost } from './run-demo';
import './demos.css';

export interface DemosDialogProps {
  host: DemoHost;
  /** Closes the dialog; `restoreFocus` false when a demo moves the focus itself. */
  onClose: (restoreFocus: boolean) => void;
}

/** What a demo changes besides the system prompt, in words. */
function changeLines(preset: DemoPreset): string[] {
  const lines: string[] = [];
  if (preset.tools.length > 0) lines.push(t('changesTools', { tools: preset.tools.join(', ') }));
  if (preset.setup === 'knowledge') lines.push(t('changesKnowledge', { base: t('knowledgeBaseName') }));
  if (preset.setup === 'openapi') lines.push(t('changesOpenApi', { tools: OPENAPI_DEMO_TOOLS.join(', ') }));
  return lines;
}

/**
 * The Demos dialog: every demo with what it does, what it changes and its first message, and
 * Start (the message waits in the box) or Run (sent at once). Without a configured model it says
 * so and offers the Models page and Settings; nothing is ever downloaded from here.
 */
export function DemosDialog(props: DemosDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  const titleId = createUniqueId();
  const introId = createUniqueId();
  const engineHintId = createUniqueId();
  /** The demo being prepared. */
  const [busy, setBusy] = createSignal<DemoId>();
  /** The latest failure, shown in its demo's card. */
  const [error, setError] = createSignal<{ id: DemoId; message: string }>();
  onMount(() => {
    if (dialog && !dialog.open) dialog.showModal();
  });

  const begin = async (preset: DemoPreset, run: boolean): Promise<void> => {
    if (busy() !== undefined) return;
    setError(undefined);
    setBusy(preset.id);
    try {
      await startDemo(preset, props.host, { run, onPrepared: () => props.onClose(false) });
    } catch (failure) {
      setError({ id: preset.id, message: errorText(failure) });
    } finally {
      setBusy(undefined);
    }
  };
  const leaveFor = (open: () => void): void => {
    props.onClose(false);
    open();
  };

  return (
    <dialog
      ref={dialog}
      class="demos-dialog"
      aria-labelledby={titleId}
      aria-describedby={introId}
      aria-busy={busy() !== undefined}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose(true);
      }}
    >
      <h2 id={titleId}>{t('title')}</h2>
      <p id={introId}>{t('intro')}</p>
      <Show when={!props.host.configured()}>
        <div class="demos-engine" role="note">
          <p id={engineHintId}>{t('engineMissing')}</p>
          <div class="demos-actions">
            <Show when={props.host.openModels}>
              {(openModels) => (
                <button type="button" onClick={() => leaveFor(openModels())}>
                  {t('openModels')}
                </button>
              )}
            </Show>
            <button type="button" onClick={() => leaveFor(() => props.host.openSettings())}>
              {t('connectServer')}
            </button>
          </div>
        </div>
      </Show>
      <ul class="demos-list" aria-label={t('listLabel')}>
        <For each={demoPresets}>
          {(preset) => {
            const headingId = createUniqueId();
            const texts = () => demoTexts(preset);
            return (
              <li>
                <article class="demo-card" aria-labelledby={headingId}>
                  <h3 id={headingId}>{texts().title}</h3>
                  <p>{t(`${preset.id}Summary`)}</p>
                  <Show when={preset.setup === 'mcp'}>
                    <p>{t('mcpStart')}</p>
                    <pre class="demo-command">
                      <code>{MCP_DEMO_COMMAND}</code>
                    </pre>
                    <p>{t('mcpThen', { url: MCP_DEMO_URL })}</p>
                  </Show>
                  <Show when={preset.setup === 'model-api'}>
                    <p>{t('modelApiSteps')}</p>
                  </Show>
                  <p class="demo-prompt">
                    <span class="muted">{t('firstMessage')}</span> <q>{texts().prompt}</q>
                  </p>
                  <details class="demo-changes">
                    <summary>{t('changes')}</summary>
                    <ul>
                      <For each={changeLines(preset)}>{(line) => <li>{line}</li>}</For>
                      <li>
                        {t('changesPrompt')} <q>{texts().system}</q>
                      </li>
                      <li>{t('changesKept')}</li>
                    </ul>
                  </details>
                  <div class="demos-actions">
                    <Show
                      when={!endsOnToolsPage(preset)}
                      fallback={
                        <button
                          type="button"
                          class="primary"
                          aria-label={t('openToolsNamed', { title: texts().title })}
                          disabled={busy() !== undefined}
                          onClick={() => void begin(preset, false)}
                        >
                          {t('openTools')}
                        </button>
                      }
                    >
                      <button
                        type="button"
                        aria-label={t('startNamed', { title: texts().title })}
                        disabled={busy() !== undefined}
                        onClick={() => void begin(preset, false)}
                      >
                        {t('start')}
                      </button>
                      <button
                        type="button"
                        class="primary"
                        aria-label={t('runNamed', { title: texts().title })}
                        aria-describedby={props.host.configured() ? undefined : engineHintId}
                        disabled={busy() !== undefined || !props.host.configured()}
                        onClick={() => void begin(preset, true)}
                      >
                        {t('run')}
                      </button>
                    </Show>
                  </div>
                  <p role="status" class="demos-status">
                    {busy() === preset.id ? t('preparing', { title: texts().title }) : ''}
                  </p>
                  <Show when={error()?.id === preset.id ? error()?.message : undefined}>{(message) => <ErrorAlert message={message()} />}</Show>
                </article>
              </li>
            );
          }}
        </For>
      </ul>
      <div class="dialog-actions">
        <button type="button" onClick={() => props.onClose(true)}>
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}
