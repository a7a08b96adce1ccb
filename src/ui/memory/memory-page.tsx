import { createMemo, createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { ErrorAlert } from '../components/error-alert';
import type { PageContext } from '../pages/page-context';
import { createMemoryAccess } from '../../app/memory/memory-access';
import { MemoryItem } from './memory-item';
import { createMemoryOwners, filterOf, filterValue, type MemoryOwners, type OwnerFilter } from './memory-owners';
import { createMemoryState, parseTags, type MemoryState } from './memory-state';
import { t } from './messages';
import './memory.css';

/** Waits this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 200;

/**
 * The Memory page: every long-term memory, newest first, with a search box (hybrid search, the
 * same the agent uses), edit in place, delete after confirmation, and a form to add one. Memories
 * live in IndexedDB, so they survive a reload.
 */
export function MemoryPage(props: { context: PageContext }) {
  const state = createMemoryState(createMemoryAccess(props.context.openDatabase, () => props.context.services.embedding));
  const owners = createMemoryOwners(props.context.services.agents);
  const [notice, setNotice] = createSignal('');
  onMount(() => {
    void state.refresh();
    // Without names the owners show as ids until read; a failure leaves them so (the list still works).
    void owners.refresh().catch(() => undefined);
  });
  return (
    <section class="memory-page" aria-labelledby="memory-title">
      <h2 id="memory-title">{t('title')}</h2>
      <p class="muted">{t('intro')}</p>
      <Show when={state.error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <AddMemoryForm state={state} notice={notice} setNotice={setNotice} />
      <MemoryList state={state} owners={owners} notice={notice} setNotice={setNotice} />
    </section>
  );
}

/** What the page's parts share: the state, and a short notice ("Memory saved.") for the live region. */
interface PartProps {
  state: MemoryState;
  notice: () => string;
  setNotice: (text: string) => void;
}

function AddMemoryForm(props: PartProps) {
  const textId = createUniqueId();
  const tagsId = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = form.elements.namedItem('text') as HTMLTextAreaElement;
    const tags = form.elements.namedItem('tags') as HTMLInputElement;
    if (text.value.trim() === '') return;
    setBusy(true);
    const created = await props.state.add(text.value, parseTags(tags.value));
    setBusy(false);
    if (created === undefined) return;
    props.setNotice(created ? t('added') : t('alreadyKept'));
    form.reset();
    text.focus();
  };
  return (
    <form class="memory-add" aria-labelledby={`${textId}-heading`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${textId}-heading`}>{t('addHeading')}</h3>
      <label for={textId}>{t('newText')}</label>
      <textarea id={textId} name="text" rows={2} required maxLength={2000} placeholder={t('newPlaceholder')} />
      <label for={tagsId}>{t('tags')}</label>
      <input id={tagsId} name="tags" type="text" />
      <div class="memory-buttons">
        <button type="submit" class="primary" disabled={busy()}>
          {t('add')}
        </button>
      </div>
    </form>
  );
}

function MemoryList(props: PartProps & { owners: MemoryOwners }) {
  const searchId = createUniqueId();
  const ownerId = createUniqueId();
  const [owner, setOwner] = createSignal<OwnerFilter>({ kind: 'all' });
  const shown = createMemo(() => props.state.memories().filter((memory) => props.owners.matches(memory, owner())));
  let searchBox: HTMLInputElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const searchSoon = (text: string): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void props.state.search(text), SEARCH_DELAY_MS);
  };
  const summary = (): string => {
    const count = shown().length;
    const query = props.state.query();
    if (query === '') return count === 0 ? t('empty') : t('count', { count });
    return count === 0 ? t('noMatch', { query }) : t('matches', { count, query });
  };
  return (
    <div class="memory-list">
      <label for={searchId}>{t('search')}</label>
      <input
        id={searchId}
        ref={searchBox}
        type="search"
        autocomplete="off"
        onInput={(event) => searchSoon(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          clearTimeout(timer);
          void props.state.search(event.currentTarget.value);
        }}
      />
      <label for={ownerId}>{t('filterAgent')}</label>
      <select id={ownerId} value={filterValue(owner())} onChange={(event) => setOwner(filterOf(event.currentTarget.value))}>
        <For each={props.owners.options(props.state.memories())}>{(option) => <option value={option.value}>{option.label}</option>}</For>
      </select>
      <p role="status" class="muted memory-summary">
        {props.state.loaded() ? summary() : t('loading')} {props.notice()}
      </p>
      <ul class="memory-items" aria-label={t('listLabel')}>
        <For each={shown()}>
          {(memory) => (
            <MemoryItem
              memory={memory}
              owner={props.owners.nameOf(memory)}
              onSave={async (text, tags) => {
                const saved = await props.state.update(memory.id, text, tags);
                if (saved) props.setNotice(t('updated'));
                return saved;
              }}
              onDelete={async () => {
                const deleted = await props.state.remove(memory.id);
                if (deleted) {
                  props.setNotice(t('deleted'));
                  searchBox?.focus();
                }
                return deleted;
              }}
            />
          )}
        </For>
      </ul>
    </div>
  );
}
