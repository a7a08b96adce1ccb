import { onCleanup, onMount, Show } from 'solid-js';
import type { ModelRecommendation } from '../../llm/capabilities';
import { offerReasonText } from './capability-text';
import { t } from './messages';
import type { ModelsState } from './models-state';
import { whenIdle } from '../schedule/when-idle';
import './models.css';

export interface LocalModelOfferProps {
  state: ModelsState;
  /** Makes the recommended model the engine. */
  onUse: (item: ModelRecommendation) => void;
  onOpenModels: () => void;
}

/**
 * Shown while no model is connected: instead of only "Connect a model", offers the model this
 * device runs best, right in this tab, and the Models page for the rest.
 */
export function LocalModelOffer(props: LocalModelOfferProps) {
  // The device probe (WebGPU adapter, caches, storage) waits until the page is idle: the offer's
  // generic text stands until then, and the probe stays out of the tasks before the first input.
  onMount(() => onCleanup(whenIdle(() => void props.state.refresh())));
  const recommended = (): ModelRecommendation | undefined => props.state.recommendations().find((item) => item.recommended);
  return (
    <p class="composer-hint local-offer">
      <Show when={recommended()} fallback={<>{t('offerGeneric')}</>}>
        {(item) => (
          <>
            {t('offerModel', { name: item().model.label, reason: offerReasonText(item()) })}{' '}
            <button type="button" class="link-button" onClick={() => props.onUse(item())}>
              {t('useNamed', { name: item().model.label })}
            </button>{' '}
          </>
        )}
      </Show>
      <button type="button" class="link-button" onClick={() => props.onOpenModels()}>
        {t('chooseLocal')}
      </button>
    </p>
  );
}
