import { createEffect, createSignal, createUniqueId, For, on, onMount, Show } from 'solid-js';
import { ErrorAlert } from '../components/error-alert';
import { EmbeddingConsent } from '../embedding/embedding-consent';
import type { PageContext } from '../pages/page-context';
import { BackupPanel } from './backup-panel';
import { BaseSection } from './base-section';
import { createKnowledgeState, type KnowledgeNotice, type KnowledgeProgress } from './knowledge-state';
import { t } from './messages';
import './knowledge.css';

function noticeText(notice: KnowledgeNotice): string {
  switch (notice.kind) {
    case 'added':
      return t('added', { name: notice.name, passages: notice.passages });
    case 'unchanged':
      return t('unchanged', { name: notice.name });
    case 'failed':
      return t('failed', { name: notice.name, message: notice.message });
  }
}

function progressText(progress: KnowledgeProgress): string {
  switch (progress.phase) {
    case 'reading':
      return t('progressReading', { name: progress.name });
    case 'embedding':
      return t('progressEmbedding', { name: progress.name, done: progress.done, total: progress.total });
    case 'saving':
      return t('progressSaving', { name: progress.name });
    case 'backfill':
      return t('progressBackfill', { done: progress.done, total: progress.total });
  }
}

/**
 * The Knowledge page: knowledge bases (create, rename, delete, switch on for the open
 * conversation), their documents (add files or pasted text with a progress bar, delete), the
 * embedding model's consent, and the backup of all data.
 */
export function KnowledgePage(props: { context: PageContext }) {
  const context = props.context;
  const embedding = context.services.embedding;
  const state = createKnowledgeState({ openDatabase: context.openDatabase, embedder: () => embedding?.current() });
  const nameId = createUniqueId();
  const progressId = createUniqueId();
  const [name, setName] = createSignal('');

  onMount(() => void state.init());
  // Once the model is loaded, passages added before it get their vectors too.
  createEffect(
    on(
      () => embedding?.status().state,
      (current) => {
        if (current === 'ready') void state.embedMissing();
      },
    ),
  );

  const percent = (progress: KnowledgeProgress): number =>
    progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <div class="knowledge-page">
      <h2>{t('title')}</h2>
      <p class="muted">{t('intro')}</p>
      <Show when={embedding}>
        {(service) => (
          <>
            <EmbeddingConsent
              service={service()}
              consent={context.settings().embeddingConsent}
              onConsent={(modelId) => context.saveSettings({ ...context.settings(), embeddingConsent: modelId })}
            />
            <Show when={service().status().state !== 'ready'}>
              <p class="muted">{t('keywordOnly')}</p>
            </Show>
          </>
        )}
      </Show>
      <Show when={state.error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <form
        class="knowledge-create"
        onSubmit={(event) => {
          event.preventDefault();
          void state.create(name()).then((created) => created && setName(''));
        }}
      >
        <label for={nameId}>{t('newBase')}</label>
        <input id={nameId} value={name()} onInput={(event) => setName(event.currentTarget.value)} />
        <button type="submit" disabled={name().trim() === ''}>
          {t('create')}
        </button>
      </form>
      <Show when={state.progress()}>
        {(progress) => (
          <div class="knowledge-progress">
            <span id={progressId}>{t('progressLabel')}</span>
            <progress
              max={100}
              value={percent(progress())}
              aria-labelledby={progressId}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent(progress())}
              aria-valuetext={progressText(progress())}
            />
            <small class="muted">{progressText(progress())}</small>
            <button type="button" onClick={() => state.stop()}>
              {t('stop')}
            </button>
          </div>
        )}
      </Show>
      <ul class="knowledge-notices" aria-live="polite">
        <For each={state.notices()}>{(notice) => <li data-kind={notice.kind}>{noticeText(notice)}</li>}</For>
      </ul>
      <Show when={state.bases().length > 0} fallback={<p class="muted">{t('noBases')}</p>}>
        {/* Keyed by id, not by record: a refresh after adding a document keeps each section (and what is typed in it). */}
        <For each={state.bases().map((view) => view.base.id)}>
          {(id) => (
            <Show when={state.bases().find((view) => view.base.id === id)}>
              {(view) => <BaseSection view={view()} state={state} conversation={context.conversation} busy={state.progress() !== undefined} />}
            </Show>
          )}
        </For>
      </Show>
      <BackupPanel openDatabase={context.openDatabase} />
    </div>
  );
}
