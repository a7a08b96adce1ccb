import { For, Show } from 'solid-js';
import { t } from './retrieved-tools-messages';
import type { RetrievedTools } from '../chat/transcript';

/** Which tools retrieval offered this turn, with their fused scores (collapsed by default). */
export function RetrievedToolsView(props: { retrieved: RetrievedTools }) {
  const retrievers = () => props.retrieved.retrievers.map((name) => (name === 'dense' ? t('semantic') : t('keyword'))).join(' + ');
  return (
    <details class="retrieved-tools">
      <summary>
        {t('summary', { shown: props.retrieved.tools.length, searched: props.retrieved.searched.toLocaleString() })} ({retrievers()})
      </summary>
      <ol aria-label={t('list')}>
        <For each={props.retrieved.tools}>
          {(tool) => (
            <li>
              <code>{tool.name}</code> <span class="muted">{t('score', { score: tool.score.toFixed(4) })}</span>
              <Show when={tool.pinned}>
                {' '}
                <span class="badge">{t('pinned')}</span>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </details>
  );
}
