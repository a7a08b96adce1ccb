import { createSignal, createUniqueId, Show } from 'solid-js';
import type { ImagePart } from '../../core/types';
import { t as imageText } from './image-messages';
import { ImageThumbnails } from './image-thumbnails';
import { t } from './messages';

export interface UserMessageProps {
  text: string;
  /** Images attached to the message (absent: none). */
  images?: readonly ImagePart[] | undefined;
  /** Whether editing is offered (not while a run is going). */
  editable: boolean;
  /** Saves the edited text; the conversation is cut after this message and runs again. */
  onEdit: (text: string) => void;
}

/** A message the person sent, with an Edit button that reruns from it. */
export function UserMessage(props: UserMessageProps) {
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const editId = createUniqueId();
  const save = (): void => {
    if (draft().trim() === '') return;
    setEditing(false);
    props.onEdit(draft());
  };
  return (
    <div class="message user-message">
      <span class="visually-hidden">{t('youSaid')}</span>
      <Show
        when={editing()}
        fallback={
          <>
            <p class="user-text">{props.text}</p>
            <ImageThumbnails images={props.images ?? []} label={imageText('imagesInMessage')} />
            <Show when={props.editable}>
              <button
                type="button"
                class="link-button"
                aria-label={t('editMessage')}
                onClick={() => {
                  setDraft(props.text);
                  setEditing(true);
                }}
              >
                {t('edit')}
              </button>
            </Show>
          </>
        }
      >
        <form
          class="edit-form"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <label for={editId} class="visually-hidden">
            {t('editedMessage')}
          </label>
          <textarea
            id={editId}
            rows={3}
            value={draft()}
            ref={(element) => queueMicrotask(() => element.focus())}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setEditing(false);
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                save();
              }
            }}
          />
          <div class="dialog-actions">
            <button type="button" onClick={() => setEditing(false)}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary">
              {t('saveAndRerun')}
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}
