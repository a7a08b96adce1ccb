import { createResource, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { builtinAiState } from '../../app/models/builtin-ai';
import { formatSize } from '../../app/models/model-facts';
import type { ModelRecommendation } from '../../llm/capabilities';
import type { ModelsState } from '../models/models-state';
import { deviceSummary } from './device-summary';
import { t } from './messages';
import { whenIdle } from '../schedule/when-idle';
import './first-run.css';

export interface FirstRunProps {
  /** The Models page's state (device probe, recommendations, caches); absent where only servers are offered. */
  models: ModelsState | undefined;
  /** Makes the recommended model the engine and starts its download (the person has seen its size). */
  onUseModel: (item: ModelRecommendation) => void;
  /** Opens the Models page to compare every local model. */
  onOpenModels: () => void;
  /** Opens Settings to connect a server. */
  onConnectServer: () => void;
  /** Hides the welcome for good. */
  onDismiss: () => void;
}

/**
 * The welcome shown until a model is configured or the person says "Not now": what this device
 * can do (WebGPU, memory, storage), the one model recommended for it with its download size, the
 * server alternative, and plainly what stays on this device. It downloads nothing by itself: the
 * download starts only from the button that names the model and its size.
 */
export function FirstRun(props: FirstRunProps) {
  const titleId = createUniqueId();
  const deviceId = createUniqueId();
  const startId = createUniqueId();
  const privacyId = createUniqueId();
  // The device probe (WebGPU adapter, caches, storage) waits until the page is idle ("Checking…"
  // until then), so it stays out of the tasks before the message box takes input.
  onMount(() => onCleanup(whenIdle(() => void props.models?.refresh())));

  // The browser's own model is mentioned only where it can run (ready, or Chrome can download it).
  const [builtin] = createResource(() => builtinAiState());
  const builtinUsable = (): boolean => {
    const state = builtin();
    return state === 'available' || state === 'downloadable' || state === 'downloading';
  };
  const recommended = (): ModelRecommendation | undefined => props.models?.recommendations().find((item) => item.recommended);
  const cached = (item: ModelRecommendation): boolean =>
    props.models?.isCached({ engine: item.model.engine, modelId: item.model.id }) === true;
  const lines = (): string[] | undefined => {
    const report = props.models?.report();
    return report ? deviceSummary(report, props.models?.storage()) : undefined;
  };

  return (
    <section class="first-run" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('title')}</h2>
      <p>{t('intro')}</p>
      <Show when={props.models}>
        <h3 id={deviceId}>{t('deviceTitle')}</h3>
        <Show when={lines()} fallback={<p class="muted">{t('checking')}</p>}>
          {(items) => (
            <ul class="first-run-device" aria-labelledby={deviceId}>
              <For each={items()}>{(line) => <li>{line}</li>}</For>
            </ul>
          )}
        </Show>
      </Show>
      <h3 id={startId}>{t('startTitle')}</h3>
      <div class="first-run-choices" role="group" aria-labelledby={startId}>
        <Show when={props.models?.report()}>
          <div class="first-run-choice">
            <Show when={recommended()} fallback={<p>{t('noLocal')}</p>}>
              {(item) => (
                <>
                  <p>
                    {cached(item())
                      ? t('recommendCached', { name: item().model.label })
                      : t('recommend', { name: item().model.label, size: formatSize(item().model.downloadMB) })}
                    <Show when={item().device === 'wasm'}> {t('cpuNote')}</Show>
                  </p>
                  <button type="button" class="primary" onClick={() => props.onUseModel(item())}>
                    {cached(item())
                      ? t('startCached', { name: item().model.label })
                      : t('download', { name: item().model.label, size: formatSize(item().model.downloadMB) })}
                  </button>{' '}
                </>
              )}
            </Show>
            <button type="button" class="link-button" onClick={() => props.onOpenModels()}>
              {t('compare')}
            </button>
            <Show when={builtinUsable()}>
              <p class="muted">{t('builtinHint')}</p>
            </Show>
          </div>
        </Show>
        <div class="first-run-choice">
          <p>{t('serverText')}</p>
          <button type="button" onClick={() => props.onConnectServer()}>
            {t('connectServer')}
          </button>
        </div>
      </div>
      <h3 id={privacyId}>{t('privacyTitle')}</h3>
      <ul class="first-run-privacy" aria-labelledby={privacyId}>
        <li>{t('privacyData')}</li>
        <li>{t('privacyLocal')}</li>
        <li>{t('privacyServer')}</li>
        <li>{t('privacyOffline')}</li>
      </ul>
      <button type="button" class="link-button first-run-skip" onClick={() => props.onDismiss()}>
        {t('skip')}
      </button>
    </section>
  );
}
