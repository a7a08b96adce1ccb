import { For, Show } from 'solid-js';
import type { ChatController } from '../chat/chat-controller';
import { TryDemoButton } from '../demos/try-demo-button';
import { ApprovalDialog } from './approval-dialog';
import { t } from './messages';
import { TurnView } from './turn-view';

/**
 * The conversation: every turn, streaming as it happens, and the approval prompt when one is pending.
 * Empty, it is the start page: with `onTryDemo` it offers the demos there.
 */
export function ChatView(props: { controller: ChatController; onTryDemo?: (() => void) | undefined }) {
  const controller = (): ChatController => props.controller;
  return (
    <>
      <section class="chat-view" role="log" aria-label={t('conversation')} aria-busy={controller().running()}>
        <Show when={controller().turns.length === 0}>
          <p class="muted empty-chat">{t('emptyChat')}</p>
          <Show when={props.onTryDemo}>{(open) => <TryDemoButton onClick={open()} />}</Show>
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
          <ApprovalDialog
            call={pending.call}
            {...(pending.details ? { details: pending.details } : {})}
            onDecision={(decision) => controller().answerApproval(decision)}
          />
        )}
      </Show>
    </>
  );
}
