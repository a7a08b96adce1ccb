import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { CallDiffView } from './call-diff-view';
import type { RunEntry } from './eval-state';
import { formatScore } from './format';
import { t } from './messages';

function yesNo(value: boolean): string {
  return value ? t('yes') : t('no');
}

/** One example's row and, when opened, the row below it with the call diff. */
function ResultRow(props: { entry: RunEntry; expanded: boolean; onToggle: () => void }) {
  const detailId = createUniqueId();
  const scores = () => props.entry.result?.scores;
  const missing = () => t('notApplicable');
  return (
    <>
      <tr data-outcome={props.entry.result === null ? 'pending' : props.entry.result.error !== undefined ? 'error' : 'scored'}>
        <th scope="row">
          <button
            type="button"
            class="eval-disclosure"
            aria-expanded={props.expanded}
            aria-controls={detailId}
            onClick={() => props.onToggle()}
          >
            <span aria-hidden="true">{props.expanded ? '▾ ' : '▸ '}</span>
            {props.entry.example.id}
          </button>
        </th>
        <Show
          when={scores()}
          fallback={
            <td colSpan={4} class={props.entry.result?.error ? 'eval-error-text' : 'muted'}>
              {props.entry.result?.error ? t('failed', { message: props.entry.result.error }) : t('pending')}
            </td>
          }
        >
          {(value) => (
            <>
              <td>{yesNo(value().actionEM)}</td>
              <td>{formatScore(value().argument?.f1, missing())}</td>
              <td>{formatScore(value().rougeL, missing())}</td>
              <td>{value().attempted ? yesNo(value().wellFormed) : missing()}</td>
            </>
          )}
        </Show>
      </tr>
      <Show when={props.expanded}>
        <tr id={detailId} class="eval-detail-row">
          <td colSpan={5}>
            <CallDiffView entry={props.entry} />
          </td>
        </tr>
      </Show>
    </>
  );
}

/**
 * Per-example results: Action EM, Argument F1, ROUGE-L and well-formedness, each row opening the
 * expected-versus-produced diff of its calls.
 */
export function ResultsTable(props: { entries: readonly RunEntry[]; caption: string }) {
  const [expanded, setExpanded] = createSignal<ReadonlySet<number>>(new Set());
  const toggle = (index: number): void => {
    const next = new Set(expanded());
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setExpanded(next);
  };
  return (
    <div class="eval-table-scroll">
      <table class="eval-table eval-results">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colExample')}</th>
            <th scope="col">{t('actionEM')}</th>
            <th scope="col">{t('argumentF1')}</th>
            <th scope="col">{t('rougeL')}</th>
            <th scope="col">{t('colWellFormed')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.entries}>
            {(entry) => <ResultRow entry={entry} expanded={expanded().has(entry.index)} onToggle={() => toggle(entry.index)} />}
          </For>
        </tbody>
      </table>
    </div>
  );
}
