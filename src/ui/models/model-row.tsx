import { createUniqueId, Show } from 'solid-js';
import { formatSize } from '../../app/models/model-facts';
import type { ModelRecommendation } from '../../llm/capabilities';
import { reasonText } from './capability-text';
import { t } from './messages';

export interface ModelRowProps {
  item: ModelRecommendation;
  cached: boolean | undefined;
  inUse: boolean;
  /** Another load is running: buttons that start one are disabled. */
  busy: boolean;
  onLoad: () => void;
  onUse: () => void;
  onDelete: () => void;
}

/** One catalog model: facts, whether it suits this device and why, and its actions. */
export function ModelRow(props: ModelRowProps) {
  const titleId = createUniqueId();
  const model = () => props.item.model;
  const engineName = () => (model().engine === 'webllm' ? 'web-llm, WebGPU' : `transformers.js, ${props.item.device === 'webgpu' ? 'WebGPU' : 'WASM'}`);
  return (
    <li class="model-row" data-fits={props.item.fits ? 'yes' : 'no'} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {model().label}
        <Show when={props.item.recommended}>
          {' '}
          <span class="badge">{t('recommended')}</span>
        </Show>
        <Show when={props.inUse}>
          {' '}
          <span class="badge">{t('inUseBadge')}</span>
        </Show>
      </h3>
      <p class="muted model-facts">
        {t('facts', {
          engine: engineName(),
          download: formatSize(model().downloadMB),
          memory: formatSize(model().memoryMB),
          context: model().contextWindow,
          tools: model().toolMode,
        })}
        {model().nativeFormat ? t('trainedOn', { format: model().nativeFormat ?? '' }) : ''}
        {props.cached ? t('downloaded') : ''}
      </p>
      <p class={props.item.fits ? 'model-reason' : 'model-reason model-reason-no'}>
        {props.item.fits ? '' : t('doesNotFit')}
        {reasonText(props.item)}
      </p>
      <div class="model-actions">
        <button
          type="button"
          aria-label={t(props.cached ? 'loadNamed' : 'downloadNamed', { name: model().label })}
          disabled={props.busy}
          onClick={() => props.onLoad()}
        >
          {props.cached ? t('load') : t('download')}
        </button>
        <button type="button" class="primary" aria-label={t('useNamed', { name: model().label })} disabled={props.inUse || props.busy} onClick={() => props.onUse()}>
          {t('use')}
        </button>
        <Show when={props.cached}>
          <button type="button" aria-label={t('deleteNamed', { name: model().label })} disabled={props.busy} onClick={() => props.onDelete()}>
            {t('delete')}
          </button>
        </Show>
      </div>
    </li>
  );
}
