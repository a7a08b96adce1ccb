import { createSignal, createUniqueId, For, Match, Show, Switch } from 'solid-js';
import type { ToolCallItem, ToolCallStatus, Turn } from '../chat/transcript';
import { errorText } from '../errors/error-text';
import { AssistantMessage } from './assistant-message';
import { ErrorAlert } from './error-alert';
import { formatDuration, prettyJson } from './format';
import { t as imageText } from './image-messages';
import { ImageThumbnails } from './image-thumbnails';
import { t } from './messages';
import { ToolProgress } from './tool-progress';

const statusLabel = (status: ToolCallStatus): string => t(`status.${status}`);

/**
 * The run of an agent called as a tool, inside the caller's card as it streams: its text and its
 * own tool cards (which may hold a run of their own).
 */
function NestedRun(props: { name: string; run: Turn }) {
  return (
    <section class="tool-card-nested" aria-label={t('nestedRun', { name: props.name })} aria-busy={props.run.status === 'running'}>
      <For each={props.run.items}>
        {(item) => (
          <Switch>
            <Match when={item.kind === 'assistant' && item}>{(assistant) => <AssistantMessage item={assistant()} sources={props.run.sources} />}</Match>
            <Match when={item.kind === 'tool-call' && item}>{(card) => <ToolCallCard item={card()} />}</Match>
          </Switch>
        )}
      </For>
      <Show when={props.run.error}>{(error) => <ErrorAlert message={errorText(error())} />}</Show>
    </section>
  );
}

/** One tool call: name, status and duration, with arguments and result behind a Details toggle; an agent's run shown inside. */
export function ToolCallCard(props: { item: ToolCallItem }) {
  const [expanded, setExpanded] = createSignal(false);
  const detailsId = createUniqueId();
  return (
    <article
      role="article"
      class="tool-card"
      data-status={props.item.status}
      aria-label={t('toolCall', { name: props.item.name })}
      aria-busy={props.item.status === 'running'}
    >
      <div class="tool-card-header">
        <span class="tool-card-name">{props.item.name}</span>
        <span class="tool-card-status" role="status">
          {statusLabel(props.item.status)}
        </span>
        <Show when={props.item.durationMs !== undefined}>
          <span class="tool-card-duration">{formatDuration(props.item.durationMs ?? 0)}</span>
        </Show>
        <button
          type="button"
          class="tool-card-toggle"
          aria-expanded={expanded()}
          aria-controls={detailsId}
          onClick={() => setExpanded(!expanded())}
        >
          {t('details')}
        </button>
      </div>
      <Show when={props.item.status === 'running' && props.item.progress}>{(progress) => <ToolProgress name={props.item.name} progress={progress()} />}</Show>
      <Show when={props.item.nested}>{(run) => <NestedRun name={props.item.name} run={run()} />}</Show>
      <ImageThumbnails
        images={props.item.images ?? []}
        label={imageText('toolImages', { name: props.item.name })}
        alt={(_image, index) => imageText('toolImage', { name: props.item.name, number: index + 1 })}
      />
      <div id={detailsId} class="tool-card-details" hidden={!expanded()}>
        <h4>{t('arguments')}</h4>
        <pre class="tool-card-arguments">{prettyJson(props.item.arguments)}</pre>
        <h4>{t('result')}</h4>
        <Show when={props.item.result !== undefined} fallback={<p class="muted">{t('noResult')}</p>}>
          <pre class="tool-card-result">{prettyJson(props.item.result)}</pre>
        </Show>
      </div>
    </article>
  );
}
