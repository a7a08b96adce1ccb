import { Show } from 'solid-js';
import type { AssistantItem, TurnSource } from '../chat/transcript';
import { ThinkingSection } from '../chat/thinking-section';
import { CitedMarkdown } from '../citations/cited-markdown';
import { t } from './messages';

/**
 * Assistant text of one step, rendered as sanitized markdown; cut-off text is marked incomplete.
 * [n] markers open the turn's source n. The step's thinking, when it had some, comes first, collapsed.
 */
export function AssistantMessage(props: { item: AssistantItem; sources?: readonly TurnSource[] | undefined }) {
  return (
    <div class="message assistant-message" aria-busy={props.item.streaming} data-incomplete={props.item.incomplete}>
      <Show when={props.item.reasoning}>
        {(reasoning) => <ThinkingSection text={reasoning()} streaming={props.item.streaming && props.item.text === ''} />}
      </Show>
      <Show when={props.item.text !== '' || props.item.reasoning === undefined}>
        <span class="visually-hidden">{t('assistantSaid')}</span>
        <CitedMarkdown text={props.item.text} sources={props.sources} streaming={props.item.streaming} />
      </Show>
      <Show when={props.item.incomplete}>
        <p class="incomplete-note">{t('incomplete')}</p>
      </Show>
    </div>
  );
}
