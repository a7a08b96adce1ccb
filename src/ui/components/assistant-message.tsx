import { Show } from 'solid-js';
import type { AssistantItem, TurnSource } from '../chat/transcript';
import { CitedMarkdown } from '../citations/cited-markdown';
import { t } from './messages';

/**
 * Assistant text of one step, rendered as sanitized markdown; cut-off text is marked incomplete.
 * [n] markers open the turn's source n.
 */
export function AssistantMessage(props: { item: AssistantItem; sources?: readonly TurnSource[] | undefined }) {
  return (
    <div class="message assistant-message" aria-busy={props.item.streaming} data-incomplete={props.item.incomplete}>
      <span class="visually-hidden">{t('assistantSaid')}</span>
      <CitedMarkdown text={props.item.text} sources={props.sources} streaming={props.item.streaming} />
      <Show when={props.item.incomplete}>
        <p class="incomplete-note">{t('incomplete')}</p>
      </Show>
    </div>
  );
}
