import { Show } from 'solid-js';
import type { AssistantItem } from '../chat/transcript';
import { MarkdownView } from './markdown-view';

/** Assistant text of one step, rendered as sanitized markdown; cut-off text is marked incomplete. */
export function AssistantMessage(props: { item: AssistantItem }) {
  return (
    <div class="message assistant-message" aria-busy={props.item.streaming} data-incomplete={props.item.incomplete}>
      <span class="visually-hidden">Tabagent said:</span>
      <MarkdownView text={props.item.text} />
      <Show when={props.item.incomplete}>
        <p class="incomplete-note">(incomplete)</p>
      </Show>
    </div>
  );
}
