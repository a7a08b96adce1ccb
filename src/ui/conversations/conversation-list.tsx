import { createSignal, For, Show } from 'solid-js';
import type { ConversationRecord } from '../../store';
import { UNTITLED } from '../../app/chat/turn-persister';
import { t } from './messages';
import { TrainingToggle } from './training-toggle';

export interface ConversationListProps {
  conversations: readonly ConversationRecord[];
  currentId: string | undefined;
  onNew: () => void;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
  /** Opts a conversation in or out of training-data export; without it no toggle is shown. */
  onTrainingChange?: (id: string, optIn: boolean) => void;
}

/** One conversation: open it, rename it in place, or delete it after a confirmation. */
function ConversationEntry(props: { conversation: ConversationRecord; current: boolean } & Omit<ConversationListProps, 'conversations' | 'currentId' | 'onNew'>) {
  const [mode, setMode] = createSignal<'view' | 'rename' | 'confirm-delete'>('view');
  let renameButton: HTMLButtonElement | undefined;
  // Keyboard users land back where they were once the field or the confirmation goes away.
  const backToView = (): void => {
    setMode('view');
    queueMicrotask(() => renameButton?.focus());
  };
  // A conversation not yet named by its first message is stored as UNTITLED and shown in the interface's language.
  const title = (): string => (props.conversation.title === UNTITLED ? t('newConversation') : props.conversation.title);

  return (
    <li class="conversation-entry">
      <Show
        when={mode() === 'rename'}
        fallback={
          <button
            type="button"
            class="conversation-open"
            aria-current={props.current ? 'page' : undefined}
            title={title()}
            onClick={() => props.onOpen(props.conversation.id)}
          >
            {title()}
          </button>
        }
      >
        <input
          type="text"
          aria-label={t('conversationTitle')}
          value={title()}
          ref={(field) => queueMicrotask(() => field.select())}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              props.onRename(props.conversation.id, event.currentTarget.value);
              backToView();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              backToView();
            }
          }}
        />
      </Show>
      <Show
        when={mode() === 'confirm-delete'}
        fallback={
          <span class="conversation-actions">
            <button type="button" ref={renameButton} aria-label={t('renameNamed', { title: title() })} onClick={() => setMode('rename')}>
              {t('rename')}
            </button>
            <button type="button" aria-label={t('deleteNamed', { title: title() })} onClick={() => setMode('confirm-delete')}>
              {t('delete')}
            </button>
            <Show when={props.onTrainingChange}>
              {(onChange) => (
                <TrainingToggle conversationId={props.conversation.id} title={title()} checked={props.conversation.trainingOptIn} onChange={onChange()} />
              )}
            </Show>
          </span>
        }
      >
        <span class="conversation-confirm" role="group" aria-label={t('deleteQuestionNamed', { title: title() })}>
          <span>{t('deleteQuestion')}</span>
          <button type="button" onClick={() => props.onDelete(props.conversation.id)}>
            {t('confirmDelete')}
          </button>
          <button type="button" ref={(button) => queueMicrotask(() => button.focus())} onClick={backToView}>
            {t('cancel')}
          </button>
        </span>
      </Show>
    </li>
  );
}

/**
 * The past conversations, newest first. On a narrow screen the list folds away behind a
 * "Conversations" button so the chat keeps the width.
 */
export function ConversationList(props: ConversationListProps) {
  const [expanded, setExpanded] = createSignal(false);
  return (
    <nav class="conversation-list" aria-label={t('conversations')} data-expanded={expanded() ? 'true' : 'false'}>
      <button type="button" class="conversation-toggle" aria-expanded={expanded()} onClick={() => setExpanded(!expanded())}>
        {t('conversations')}
      </button>
      <div class="conversation-panel">
        <button type="button" class="conversation-new" onClick={() => props.onNew()}>
          {t('newConversation')}
        </button>
        <ul>
          <For each={props.conversations}>
            {(conversation) => (
              <ConversationEntry
                conversation={conversation}
                current={conversation.id === props.currentId}
                onOpen={props.onOpen}
                onRename={props.onRename}
                onDelete={props.onDelete}
                onTrainingChange={props.onTrainingChange}
              />
            )}
          </For>
        </ul>
      </div>
    </nav>
  );
}
