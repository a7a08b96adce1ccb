import { createResource, createUniqueId, Show } from 'solid-js';
import { builtinAiState, type BuiltinAiState } from '../../app/models/builtin-ai';
import { t } from './messages';

export interface BuiltinAiRowProps {
  inUse: boolean;
  /** Another load is running: Use is disabled. */
  busy: boolean;
  /** Loads the browser's model (Chrome downloads it first where needed), then makes it the engine. */
  onUse: () => void;
  /** Changes after each load, so the state is asked again (a download makes it 'available'). */
  refreshKey: number;
}

const STATE_TEXT: Record<Exclude<BuiltinAiState, 'absent'>, Parameters<typeof t>[0]> = {
  available: 'builtinAvailable',
  downloadable: 'builtinDownloadable',
  downloading: 'builtinDownloading',
  unavailable: 'builtinUnavailable',
};

/**
 * "Built-in AI (Chrome)": the browser's own model (the Prompt API), with its availability —
 * ready, needs a download of the browser's model, or unavailable here. Rendered only where the
 * browser has the API (the dialog checks); says nothing is downloaded from our side.
 */
export function BuiltinAiRow(props: BuiltinAiRowProps) {
  const titleId = createUniqueId();
  const [state] = createResource(() => props.refreshKey, () => builtinAiState());
  const usable = (): boolean => {
    const current = state();
    return current !== undefined && current !== 'unavailable' && current !== 'absent';
  };
  return (
    <li class="model-row" data-builtin-ai={state() ?? 'checking'} data-fits={usable() ? 'yes' : 'no'} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t('builtinTitle')}
        <Show when={props.inUse}>
          {' '}
          <span class="badge">{t('inUseBadge')}</span>
        </Show>
      </h3>
      <p class="muted model-facts">{t('builtinFacts')}</p>
      <p class={usable() || state() === undefined ? 'model-reason' : 'model-reason model-reason-no'}>
        {(() => {
          const current = state();
          return current === undefined || current === 'absent' ? t('builtinChecking') : t(STATE_TEXT[current]);
        })()}
      </p>
      <div class="model-actions">
        <button
          type="button"
          class="primary"
          aria-label={t('useNamed', { name: t('builtinTitle') })}
          disabled={props.inUse || props.busy || !usable()}
          onClick={() => props.onUse()}
        >
          {t('use')}
        </button>
      </div>
    </li>
  );
}
