import { createSignal, Show } from 'solid-js';
import type { EvalRunRecord } from '../../store';
import { DataTable } from '../components/data-table';
import { t } from './messages';

/** A stored run with its display name and whether this tab is running it. */
export interface RunRow {
  name: string;
  run: EvalRunRecord;
  activeHere: boolean;
}

export interface RunsTableProps {
  /** Newest first. Records are kept by identity, so a row keeps its state while others change. */
  runs: readonly EvalRunRecord[];
  nameOf: (run: EvalRunRecord) => string;
  /** The run this tab is running, if any. */
  activeId: string | undefined;
  selectedId: string | undefined;
  /** A run is going on in this tab: nothing else may start. */
  busy: boolean;
  onShow: (id: string) => void;
  onResume: (id: string) => void;
  onDelete: (id: string) => void;
}

/** How a run stands in words; a run left `running` by a closed tab is "Interrupted". */
export function statusText(row: RunRow): string {
  switch (row.run.status) {
    case 'running':
      return row.activeHere ? t('statusRunning') : t('statusInterrupted');
    case 'done':
      return t('statusDone');
    case 'stopped':
      return t('statusStopped');
    case 'error':
      return row.run.error ? `${t('statusError')}: ${row.run.error}` : t('statusError');
  }
}

function RunActions(props: { row: RunRow } & Pick<RunsTableProps, 'busy' | 'onShow' | 'onResume' | 'onDelete'>) {
  const [confirming, setConfirming] = createSignal(false);
  let deleteButton: HTMLButtonElement | undefined;
  const run = () => props.row.run;
  const name = () => props.row.name;
  const finishedWithErrors = () => run().status === 'done' && (run().summary?.errorRate ?? 0) > 0;
  const resumable = () => !props.row.activeHere && (run().status !== 'done' || finishedWithErrors());
  return (
    <Show
      when={confirming()}
      fallback={
        <span class="eval-actions">
          <button type="button" aria-label={t('showLabel', { run: name() })} onClick={() => props.onShow(run().id)}>
            {t('show')}
          </button>
          <Show when={resumable()}>
            <button
              type="button"
              disabled={props.busy}
              aria-label={finishedWithErrors() ? t('retryLabel', { run: name() }) : t('resumeLabel', { run: name() })}
              onClick={() => props.onResume(run().id)}
            >
              {finishedWithErrors() ? t('retryFailed') : t('resume')}
            </button>
          </Show>
          <button
            type="button"
            ref={deleteButton}
            disabled={props.row.activeHere}
            aria-label={t('deleteLabel', { run: name() })}
            onClick={() => setConfirming(true)}
          >
            {t('delete')}
          </button>
        </span>
      }
    >
      <span class="eval-actions" role="group" aria-label={t('deleteQuestion', { run: name() })}>
        <span>{t('deleteQuestion', { run: name() })}</span>
        <button type="button" onClick={() => props.onDelete(run().id)}>
          {t('confirmDelete')}
        </button>
        <button
          type="button"
          ref={(button) => queueMicrotask(() => button.focus())}
          onClick={() => {
            setConfirming(false);
            queueMicrotask(() => deleteButton?.focus());
          }}
        >
          {t('cancel')}
        </button>
      </span>
    </Show>
  );
}

/** The stored runs, newest first: what ran, on which model, how far, and what can be done with it. */
export function RunsTable(props: RunsTableProps) {
  return (
    <DataTable
      wrapClass="eval-table-scroll"
      tableClass="eval-table eval-runs"
      caption={t('runsCaption')}
      columns={[t('colRun'), t('colDataset'), t('colModel'), t('colStatus'), t('colDone'), t('colActions')]}
      rows={props.runs}
    >
      {(run) => {
        const row = (): RunRow => ({ name: props.nameOf(run), run, activeHere: props.activeId === run.id });
        return (
          <tr aria-current={props.selectedId === run.id ? 'true' : undefined} data-status={run.status}>
            <th scope="row">{row().name}</th>
            <td>{run.dataset}</td>
            <td>{run.model}</td>
            <td>{statusText(row())}</td>
            <td>
              {run.completed} / {run.total}
            </td>
            <td>
              <RunActions row={row()} busy={props.busy} onShow={props.onShow} onResume={props.onResume} onDelete={props.onDelete} />
            </td>
          </tr>
        );
      }}
    </DataTable>
  );
}
