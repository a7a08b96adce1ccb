import { createSignal, createUniqueId, Show } from 'solid-js';
import type { ToolCallItem, ToolCallStatus } from '../chat/transcript';
import { formatDuration, prettyJson } from './format';
import { t } from './messages';

const statusLabel = (status: ToolCallStatus): string => t(`status.${status}`);

/** One tool call: name, status and duration, with arguments and result behind a Details toggle. */
export function ToolCallCard(props: { item: ToolCallItem }) {
  const [expanded, setExpanded] = createSignal(false);
  const detailsId = createUniqueId();
  return (
    <article
      role="article"
      class="tool-card"
      data-status={props.item.status}
      aria-label={t('toolCall', { name: props.item.name })}
      aria-busy={props.item.status === 'running'}
    >
      <div class="tool-card-header">
        <span class="tool-card-name">{props.item.name}</span>
        <span class="tool-card-status" role="status">
          {statusLabel(props.item.status)}
        </span>
        <Show when={props.item.durationMs !== undefined}>
          <span class="tool-card-duration">{formatDuration(props.item.durationMs ?? 0)}</span>
        </Show>
        <button
          type="button"
          class="tool-card-toggle"
          aria-expanded={expanded()}
          aria-controls={detailsId}
          onClick={() => setExpanded(!expanded())}
        >
          {t('details')}
        </button>
      </div>
      <div id={detailsId} class="tool-card-details" hidden={!expanded()}>
        <h4>{t('arguments')}</h4>
        <pre class="tool-card-arguments">{prettyJson(props.item.arguments)}</pre>
        <h4>{t('result')}</h4>
        <Show when={props.item.result !== undefined} fallback={<p class="muted">{t('noResult')}</p>}>
          <pre class="tool-card-result">{prettyJson(props.item.result)}</pre>
        </Show>
      </div>
    </article>
  );
}
