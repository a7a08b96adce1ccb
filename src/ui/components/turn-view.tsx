import { For, Match, Show, Switch } from 'solid-js';
import { BudgetView } from '../budget/budget-view';
import { ResourceChips } from '../chat/resource-chips';
import type { Turn } from '../chat/transcript';
import { AssistantMessage } from './assistant-message';
import { errorText } from '../errors/error-text';
import { ErrorAlert } from './error-alert';
import { t } from './messages';
import { RetrievedToolsView } from './retrieved-tools';
import { t as statusText } from './run-status-messages';
import { ToolCallCard } from './tool-call-card';
import { UserMessage } from './user-message';

export interface TurnViewProps {
  turn: Turn;
  /** Whether the app is idle (edit and regenerate are offered only then). */
  idle: boolean;
  isLast: boolean;
  onEdit: (text: string) => void;
  onRegenerate: () => void;
}

/** One user message and what the agent did about it: text, tool cards, error, Regenerate. */
export function TurnView(props: TurnViewProps) {
  return (
    <div class="turn" data-status={props.turn.status}>
      <UserMessage text={props.turn.userText} images={props.turn.images} editable={props.idle} onEdit={props.onEdit} />
      <ResourceChips resources={props.turn.resources ?? []} />
      <Show when={props.turn.serverWait}>
        {(wait) => (
          <p class="muted turn-note turn-server-wait" role="status" data-state={wait()}>
            {wait() === 'waiting' ? statusText('waitingForServers') : statusText('serversTimedOut')}
          </p>
        )}
      </Show>
      <Show when={props.turn.retrievedTools}>{(retrieved) => <RetrievedToolsView retrieved={retrieved()} />}</Show>
      <For each={props.turn.items}>
        {(item) => (
          <Switch>
            <Match when={item.kind === 'assistant' && item}>{(assistant) => <AssistantMessage item={assistant()} sources={props.turn.sources} />}</Match>
            <Match when={item.kind === 'tool-call' && item}>{(card) => <ToolCallCard item={card()} />}</Match>
          </Switch>
        )}
      </For>
      <Show when={props.turn.error}>{(error) => <ErrorAlert message={errorText(error())} />}</Show>
      <Show when={props.turn.budget}>{(budget) => <BudgetView budget={budget()} />}</Show>
      <Show when={props.turn.status === 'stopped'}>
        <p class="muted turn-note">{t('stoppedNote')}</p>
      </Show>
      <Show when={props.isLast && props.idle}>
        <button type="button" class="link-button regenerate" onClick={() => props.onRegenerate()}>
          {t('regenerate')}
        </button>
      </Show>
    </div>
  );
}
