import { For, Show } from 'solid-js';
import { defineMessages } from '../i18n';
import type { RetrievedTools } from '../chat/transcript';

const t = defineMessages({
  en: {
    summary: ({ shown, searched }) => `Tools offered: ${shown} of ${searched}`,
    keyword: 'keyword',
    semantic: 'semantic',
    pinned: 'pinned',
    score: ({ score }) => `score ${score}`,
    list: 'Tools offered for this message, best first',
  },
  zh: {
    summary: ({ shown, searched }) => `提供的工具：${searched} 个中的 ${shown} 个`,
    keyword: '关键词',
    semantic: '语义',
    pinned: '已固定',
    score: ({ score }) => `得分 ${score}`,
    list: '为此消息提供的工具（按相关度排序）',
  },
});

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
