import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { ACCEPTED_DOCUMENT_TYPES } from '../../app/knowledge/knowledge-service';
import type { OpenConversation } from '../pages/page-context';
import type { BaseView, KnowledgeState } from './knowledge-state';
import { t } from './messages';

export interface BaseSectionProps {
  view: BaseView;
  state: KnowledgeState;
  /** The open conversation (absent: no per-conversation switch). */
  conversation: OpenConversation | undefined;
  busy: boolean;
}

/** One knowledge base: its switch for the open conversation, its documents, adding and deleting. */
export function BaseSection(props: BaseSectionProps) {
  const headingId = createUniqueId();
  const renameId = createUniqueId();
  const pasteTitleId = createUniqueId();
  const pasteBodyId = createUniqueId();
  const [renaming, setRenaming] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [pasteTitle, setPasteTitle] = createSignal('');
  const [pasteBody, setPasteBody] = createSignal('');
  const id = (): string => props.view.base.id;
  // The conversation's agent may bring this base: the switch shows and changes what is searched.
  const inUse = (): boolean =>
    (props.conversation?.searchedKnowledgeBaseIds?.() ?? props.conversation?.record()?.knowledgeBaseIds ?? []).includes(id());
  const setInUse = (use: boolean): void => {
    const conversation = props.conversation;
    if (!conversation) return;
    if (conversation.setKnowledgeBaseSearched) {
      void conversation.setKnowledgeBaseSearched(id(), use);
      return;
    }
    const current = conversation.record()?.knowledgeBaseIds ?? [];
    void conversation.setKnowledgeBaseIds(use ? [...current, id()] : current.filter((entry) => entry !== id()));
  };
  let renameInput: HTMLInputElement | undefined;

  return (
    <section class="knowledge-base" aria-labelledby={headingId}>
      <div class="knowledge-base-header">
        <Show
          when={renaming()}
          fallback={
            <h3 id={headingId} class="knowledge-base-name">
              {props.view.base.name}
            </h3>
          }
        >
          <form
            class="knowledge-inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void props.state.rename(id(), renameInput?.value ?? '').then((saved) => saved && setRenaming(false));
            }}
          >
            <h3 id={headingId} class="visually-hidden">
              {props.view.base.name}
            </h3>
            <input id={renameId} ref={renameInput} value={props.view.base.name} aria-label={t('renameLabel', { name: props.view.base.name })} />
            <button type="submit">{t('save')}</button>
            <button type="button" onClick={() => setRenaming(false)}>
              {t('cancel')}
            </button>
          </form>
        </Show>
        <Show when={!renaming()}>
          <div class="knowledge-base-actions">
            <button
              type="button"
              onClick={() => {
                setRenaming(true);
                renameInput?.focus();
              }}
            >
              {t('rename')}
            </button>
            <button type="button" onClick={() => setConfirming(true)}>
              {t('deleteBase')}
            </button>
          </div>
        </Show>
      </div>
      <Show when={confirming()}>
        <div class="knowledge-confirm" role="group" aria-label={t('deleteBase')}>
          <p>{t('confirmDelete', { name: props.view.base.name, count: props.view.documents.length })}</p>
          <button type="button" class="danger" onClick={() => void props.state.remove(id())}>
            {t('confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      </Show>
      <Show when={props.conversation}>
        <label class="knowledge-use">
          <input type="checkbox" checked={inUse()} onChange={(event) => setInUse(event.currentTarget.checked)} />
          {t('useInConversation')}
        </label>
      </Show>
      <div class="knowledge-add">
        <label class="knowledge-file">
          <span>{t('addDocuments')}</span>
          <input
            type="file"
            multiple
            accept={ACCEPTED_DOCUMENT_TYPES}
            disabled={props.busy}
            onChange={(event) => {
              const input = event.currentTarget;
              const files = [...(input.files ?? [])];
              input.value = '';
              if (files.length > 0) void props.state.addFiles(id(), files);
            }}
          />
          <small class="muted">{t('formats')}</small>
        </label>
        <details class="knowledge-paste">
          <summary>{t('pasteText')}</summary>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (pasteBody().trim() === '') return;
              void props.state.addText(id(), pasteTitle(), pasteBody()).then(() => {
                setPasteTitle('');
                setPasteBody('');
              });
            }}
          >
            <label for={pasteTitleId}>{t('pasteTitle')}</label>
            <input id={pasteTitleId} value={pasteTitle()} onInput={(event) => setPasteTitle(event.currentTarget.value)} />
            <label for={pasteBodyId}>{t('pasteBody')}</label>
            <textarea id={pasteBodyId} rows={6} value={pasteBody()} onInput={(event) => setPasteBody(event.currentTarget.value)} />
            <button type="submit" disabled={props.busy || pasteBody().trim() === ''}>
              {t('addText')}
            </button>
          </form>
        </details>
      </div>
      <Show when={props.view.documents.length > 0} fallback={<p class="muted">{t('noDocuments')}</p>}>
        <ul class="knowledge-documents" aria-label={t('documentsLabel', { name: props.view.base.name })}>
          <For each={props.view.documents}>
            {(document) => (
              <li>
                <span class="knowledge-document-title">{document.title}</span>
                <small class="muted">{t('documentMeta', { source: document.source, passages: document.chunkCount })}</small>
                <button
                  type="button"
                  class="link-button"
                  aria-label={t('deleteDocument', { title: document.title })}
                  onClick={() => void props.state.removeDocument(document.id)}
                >
                  ✕
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
