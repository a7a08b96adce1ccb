import { createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import type { MemoryRecord } from '../../store';
import { t } from './messages';
import { parseTags } from './memory-state';

export interface MemoryItemProps {
  memory: MemoryRecord;
  /** Who owns it: an agent's name (its own memory) or "Shared". */
  owner: string;
  /** Resolves false when saving failed (the form then stays open). */
  onSave: (text: string, tags: string[]) => Promise<boolean>;
  onDelete: () => Promise<boolean>;
}

/** Short form of a memory for button names ("Edit memory: The user is vegetarian"). */
function shortText(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function formatDate(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * One memory: its text, tags and dates, edited in place (Save / Cancel; Escape cancels) and
 * deleted only after a confirmation. Focus returns to the control that opened a form.
 */
export function MemoryItem(props: MemoryItemProps) {
  const [mode, setMode] = createSignal<'view' | 'edit' | 'confirm'>('view');
  const [busy, setBusy] = createSignal(false);
  const textId = createUniqueId();
  const tagsId = createUniqueId();
  let editButton: HTMLButtonElement | undefined;
  let deleteButton: HTMLButtonElement | undefined;

  /** Back to the memory, focus on the button that opened the form (rendered anew by then). */
  const close = (focus: 'edit' | 'delete'): void => {
    setMode('view');
    (focus === 'edit' ? editButton : deleteButton)?.focus();
  };

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = (form.elements.namedItem('text') as HTMLTextAreaElement).value;
    const tags = parseTags((form.elements.namedItem('tags') as HTMLInputElement).value);
    setBusy(true);
    const saved = await props.onSave(text, tags);
    setBusy(false);
    if (saved) close('edit');
  };

  return (
    <li class="memory-item" data-origin={props.memory.origin ?? 'person'}>
      <Switch>
        <Match when={mode() === 'edit'}>
          <form class="memory-edit" onSubmit={(event) => void save(event)}>
            <label for={textId}>{t('editText')}</label>
            <textarea
              id={textId}
              name="text"
              rows={3}
              required
              maxLength={2000}
              ref={(element) => queueMicrotask(() => element.focus())}
              onKeyDown={(event) => {
                if (event.key === 'Escape') close('edit');
              }}
              value={props.memory.text}
            />
            <label for={tagsId}>{t('editTags')}</label>
            <input
              id={tagsId}
              name="tags"
              type="text"
              value={props.memory.tags.join(', ')}
              onKeyDown={(event) => {
                if (event.key === 'Escape') close('edit');
              }}
            />
            <div class="memory-buttons">
              <button type="submit" class="primary" disabled={busy()}>
                {t('save')}
              </button>
              <button type="button" onClick={() => close('edit')}>
                {t('cancel')}
              </button>
            </div>
          </form>
        </Match>
        <Match when={mode() !== 'edit'}>
          <p class="memory-text">{props.memory.text}</p>
          <Show when={props.memory.tags.length > 0}>
            <ul class="memory-tags" aria-label={t('editTags')}>
              <For each={props.memory.tags}>{(tag) => <li class="badge">{tag}</li>}</For>
            </ul>
          </Show>
          <p class="muted memory-meta">
            {t('saved', { date: formatDate(props.memory.createdAt) })}
            <Show when={props.memory.updatedAt !== props.memory.createdAt}> · {t('edited', { date: formatDate(props.memory.updatedAt) })}</Show> ·{' '}
            {props.memory.origin === 'agent' ? t('byAgent') : t('byPerson')} ·{' '}
            <span class="memory-owner" data-shared={props.memory.agentId === undefined ? '' : undefined}>
              {props.memory.agentId === undefined ? props.owner : t('owner', { name: props.owner })}
            </span>
          </p>
          <Show
            when={mode() === 'confirm'}
            fallback={
              <div class="memory-buttons">
                <button type="button" ref={editButton} aria-label={t('editNamed', { text: shortText(props.memory.text) })} onClick={() => setMode('edit')}>
                  {t('edit')}
                </button>
                <button
                  type="button"
                  ref={deleteButton}
                  aria-label={t('deleteNamed', { text: shortText(props.memory.text) })}
                  onClick={() => setMode('confirm')}
                >
                  {t('delete')}
                </button>
              </div>
            }
          >
            <div class="memory-confirm" role="group" aria-label={t('confirmDelete')}>
              <p>{t('confirmDelete')}</p>
              <div class="memory-buttons">
                <button
                  type="button"
                  class="danger"
                  disabled={busy()}
                  onClick={() => {
                    setBusy(true);
                    void props.onDelete().then((deleted) => {
                      setBusy(false);
                      if (!deleted) close('delete');
                    });
                  }}
                >
                  {t('confirmYes')}
                </button>
                <button
                  type="button"
                  ref={(element) => queueMicrotask(() => element.focus())}
                  onClick={() => close('delete')}
                  onKeyDown={(event) => {
                    if (event.key === 'Escape') close('delete');
                  }}
                >
                  {t('keep')}
                </button>
              </div>
            </div>
          </Show>
        </Match>
      </Switch>
    </li>
  );
}
