import { For, Show } from 'solid-js';
import type { ChatController } from '../chat/chat-controller';
import { ApprovalDialog } from './approval-dialog';
import { TurnView } from './turn-view';

/** The conversation: every turn, streaming as it happens, and the approval prompt when one is pending. */
export function ChatView(props: { controller: ChatController }) {
  const controller = (): ChatController => props.controller;
  return (
    <>
      <section class="chat-view" role="log" aria-label="Conversation" aria-busy={controller().running()}>
        <Show when={controller().turns.length === 0}>
          <p class="muted empty-chat">Ask something to start. Tool calls appear here as cards you can open.</p>
        </Show>
        <For each={controller().turns}>
          {(turn, index) => (
            <TurnView
              turn={turn}
              idle={!controller().running()}
              isLast={index() === controller().turns.length - 1}
              onEdit={(text) => void controller().edit(turn.id, text)}
              onRegenerate={() => void controller().regenerate()}
            />
          )}
        </For>
      </section>
      <Show when={controller().pendingApproval()} keyed>
        {(pending) => (
          <ApprovalDialog call={pending.call} onDecision={(decision) => controller().answerApproval(decision)} />
        )}
      </Show>
    </>
  );
}
