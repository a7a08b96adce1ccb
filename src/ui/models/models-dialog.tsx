import { createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { builtinAiPresent } from '../../app/models/builtin-ai';
import { BuiltinAiRow } from './builtin-ai-row';
import { ErrorAlert } from '../components/error-alert';
import { errorActions } from '../errors/error-text';
import { capabilitySummary } from './capability-text';
import { CustomModelForm } from './custom-model-form';
import { BUILTIN_AI_CHOICE, choiceKey, choiceLabel, type LocalModelChoice } from '../../app/models/local-choice';
import { LoadProgressView } from './load-progress';
import { t } from './messages';
import { ModelRow } from './model-row';
import type { ModelsState } from './models-state';
import { StoragePanel } from './storage-panel';
import './models.css';

export interface ModelsDialogProps {
  state: ModelsState;
  /** The local model the settings use now, if any. */
  current: LocalModelChoice | undefined;
  /**
   * Makes this model the engine (saves settings); resolves false when saving failed. Called only
   * once the model has loaded: until then the engine in use (and "In use") stays as it was.
   */
  onUse: (choice: LocalModelChoice) => Promise<boolean>;
  /** Opens Settings to connect a server, offered when a download cannot reach the model hub. */
  onConnectServer?: (() => void) | undefined;
  onClose: () => void;
}

/**
 * The Models page, in a modal dialog: what this device can run, the curated models with a plain
 * reason each, download with progress and Cancel, delete, storage, and a field for any model.
 */
export function ModelsDialog(props: ModelsDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  const titleId = createUniqueId();
  const { state } = props;
  onMount(() => {
    if (dialog && !dialog.open) dialog.showModal();
    void state.refresh();
  });

  const labelOf = (choice: LocalModelChoice): string =>
    choice.engine === 'builtin' ? t('builtinTitle') : state.recommendations().find((item) => item.model.engine === choice.engine && item.model.id === choice.modelId)?.model.label ?? choiceLabel(choice);
  const isCurrent = (choice: LocalModelChoice): boolean => props.current !== undefined && choiceKey(props.current) === choiceKey(choice);
  const load = (choice: LocalModelChoice): void => void state.load(choice, labelOf(choice));
  // Use = load, then switch: a download that fails leaves the engine in use as it was.
  const use = (choice: LocalModelChoice): void => void state.load(choice, labelOf(choice), () => void props.onUse(choice));
  // The browser's own model: asked again after each of its loads (a finished download makes it ready).
  const [builtinChecks, setBuiltinChecks] = createSignal(0);
  const useBuiltin = (): void =>
    void state.load(BUILTIN_AI_CHOICE, labelOf(BUILTIN_AI_CHOICE), () => void props.onUse(BUILTIN_AI_CHOICE)).finally(() => setBuiltinChecks((count) => count + 1));
  const offersServer = (error: unknown): boolean => props.onConnectServer !== undefined && errorActions(error).includes('connect-server');
  const defaultDevice = (): 'webgpu' | 'wasm' => (state.report()?.webgpu && !state.report()?.adapter?.isSoftware ? 'webgpu' : 'wasm');
  const choiceFor = (engine: 'webllm' | 'transformers', id: string, device: 'webgpu' | 'wasm'): LocalModelChoice =>
    engine === 'webllm' ? { engine, modelId: id } : { engine, modelId: id, device };

  return (
    <dialog
      ref={dialog}
      class="models-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{t('title')}</h2>
      <section class="models-section" aria-label={t('thisDevice')}>
        <Show when={state.report()} fallback={<p class="muted">{t('checking')}</p>}>
          {(report) => <p>{capabilitySummary(report())}</p>}
        </Show>
        <Show when={props.current}>{(current) => <p>{t('inUse', { name: labelOf(current()) })}</p>}</Show>
      </section>
      <StoragePanel storage={state.storage()} onPersist={() => void state.persist()} />
      <Show when={state.active()}>
        {(active) => <LoadProgressView label={labelOf(active().choice)} view={active().view} onCancel={() => state.cancel()} />}
      </Show>
      <div role="status" class="models-notice">
        {state.notice() ?? ''}
      </div>
      <Show when={state.error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={state.failed()}>
        {(last) => (
          <div class="models-failure" role="group" aria-label={t('retryDescription', { name: last().label })}>
            <button type="button" class="primary" disabled={state.active() !== undefined} onClick={() => void state.retry()}>
              {t('retry')}
            </button>
            <Show when={offersServer(last().error)}>
              <button type="button" onClick={() => props.onConnectServer?.()}>
                {t('connectServer')}
              </button>
            </Show>
          </div>
        )}
      </Show>
      <ul class="model-list" aria-label={t('localModels')}>
        <Show when={builtinAiPresent()}>
          <BuiltinAiRow inUse={isCurrent(BUILTIN_AI_CHOICE)} busy={state.active() !== undefined} onUse={useBuiltin} refreshKey={builtinChecks()} />
        </Show>
        <For each={state.recommendations()}>
          {(item) => {
            const choice = (): LocalModelChoice => choiceFor(item.model.engine, item.model.id, item.device);
            return (
              <ModelRow
                item={item}
                cached={state.isCached({ engine: item.model.engine, modelId: item.model.id })}
                inUse={isCurrent(choice())}
                busy={state.active() !== undefined}
                onLoad={() => load(choice())}
                onUse={() => use(choice())}
                onDelete={() => void state.remove(choice(), item.model.label)}
              />
            );
          }}
        </For>
      </ul>
      <CustomModelForm
        defaultDevice={defaultDevice()}
        busy={state.active() !== undefined}
        onLoad={load}
        onUse={use}
      />
      <div class="dialog-actions">
        <button type="button" onClick={() => props.onClose()}>
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}
