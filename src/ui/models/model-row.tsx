import { createUniqueId, Show } from 'solid-js';
import { formatMegabytes, type ModelRecommendation } from '../../llm/capabilities';

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
          <span class="badge">Recommended</span>
        </Show>
        <Show when={props.inUse}>
          {' '}
          <span class="badge">In use</span>
        </Show>
      </h3>
      <p class="muted model-facts">
        {engineName()} · download {formatMegabytes(model().downloadMB)} · needs {formatMegabytes(model().memoryMB)} · {model().contextWindow} tokens ·
        tools as {model().toolMode}
        {model().nativeFormat ? ` (trained on ${model().nativeFormat})` : ''}
        {props.cached ? ' · downloaded' : ''}
      </p>
      <p class={props.item.fits ? 'model-reason' : 'model-reason model-reason-no'}>
        {props.item.fits ? '' : 'Does not fit: '}
        {props.item.reason}
      </p>
      <div class="model-actions">
        <button type="button" aria-label={`${props.cached ? 'Load' : 'Download'} ${model().label}`} disabled={props.busy} onClick={() => props.onLoad()}>
          {props.cached ? 'Load' : 'Download'}
        </button>
        <button type="button" class="primary" aria-label={`Use ${model().label}`} disabled={props.inUse} onClick={() => props.onUse()}>
          Use
        </button>
        <Show when={props.cached}>
          <button type="button" aria-label={`Delete ${model().label}`} disabled={props.busy} onClick={() => props.onDelete()}>
            Delete
          </button>
        </Show>
      </div>
    </li>
  );
}
