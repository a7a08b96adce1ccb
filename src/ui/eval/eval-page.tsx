import { createMemo, createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import type { AgentDefinition } from '../../core/agent-definition';
import { summarizeResults } from '../../app/eval/eval-results';
import type { ExampleResult } from '../../eval/results';
import type { EvalRunRecord } from '../../store';
import { ErrorAlert } from '../components/error-alert';
import type { PageContext } from '../pages/page-context';
import { DatasetPicker } from './dataset-picker';
import { createEvalState, type ReadyDataset } from './eval-state';
import { ExportPanel } from './export-panel';
import { t } from './messages';
import { modelLabel, NO_MODEL_LABEL } from './model-label';
import { NumberField } from './number-field';
import { RUN_METRICS } from '../../app/eval/run-result-store';
import { RunsChart, type ChartRun } from './runs-chart';
import { RunsTable } from './runs-table';
import { ResultsTable } from './results-table';
import { SummaryView } from './summary-view';
import './eval.css';

/** Runs compared in the chart: the newest ones, so that the bars stay readable. */
const CHART_RUNS = 6;

/**
 * The Eval page: pick a dataset (the bundled sample or a file), run it against the engine the
 * settings configure with the same runner as `npm run eval`, watch progress, read per-example
 * results and call diffs, compare runs in a chart, and export training data.
 */
export function EvalPage(props: { context: PageContext }) {
  const context = props.context;
  const progressLabelId = createUniqueId();
  const newRunId = createUniqueId();
  const runsId = createUniqueId();
  const chartId = createUniqueId();
  const resultsId = createUniqueId();
  // "The agent" the run evaluates (its engine, tool format, instructions and tools); absent: the settings' engine alone.
  const [agents, setAgents] = createSignal<AgentDefinition[]>([]);
  const [agentId, setAgentId] = createSignal<string>();
  const agent = (): AgentDefinition | undefined => agents().find((candidate) => candidate.id === agentId());
  const agentSelectId = createUniqueId();
  onMount(() => {
    const service = context.services.agents;
    if (!service) return;
    void Promise.all([service.list(), service.defaultAgentId()])
      .then(([list, defaultId]) => {
        setAgents(list);
        setAgentId(defaultId);
      })
      .catch(() => undefined);
  });
  const state = createEvalState({
    openDatabase: context.openDatabase,
    prepareRun: () => {
      const chosen = agent();
      return context.services.prepareRun(
        context.settings(),
        chosen ? { openDatabase: context.openDatabase, conversationId: undefined, knowledgeBaseIds: [], agent: chosen } : undefined,
      );
    },
    modelLabel: () => modelLabel(context.settings(), agent()),
  });
  const [dataset, setDataset] = createSignal<ReadyDataset>();
  const [concurrency, setConcurrency] = createSignal(1);

  onMount(() => void state.init());
  // Leaving the page stops a run; it stays resumable from the runs table.
  onCleanup(() => state.dispose());

  const numbers = createMemo(() => {
    const list = state.runs();
    return new Map(list.map((run, index) => [run.id, list.length - index]));
  });
  const nameOf = (run: EvalRunRecord): string => t('runName', { n: numbers().get(run.id) ?? 0 });
  const chartRuns = createMemo((): ChartRun[] =>
    state
      .runs()
      .filter((run) => RUN_METRICS.some((metric) => run.summary?.[metric] !== undefined))
      .slice(0, CHART_RUNS)
      .reverse()
      .map((run) => ({ name: nameOf(run), run })),
  );
  const selectedRun = () => state.runs().find((run) => run.id === state.selectedId());
  const summary = createMemo(() =>
    summarizeResults(state.entries().flatMap((entry): ExampleResult[] => (entry.result === null ? [] : [entry.result]))),
  );
  const refusal = () => {
    const value = state.refusal();
    if (value === undefined) return undefined;
    if (value.reason === 'other-model') return t('refusalOtherModel', { model: value.model });
    return value.reason === 'busy' ? t('refusalBusy') : t('refusalNoExamples');
  };

  return (
    <div class="eval-page">
      <h2>{t('title')}</h2>
      <p class="muted">{t('intro')}</p>
      <Show when={state.error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={refusal()}>{(message) => <ErrorAlert message={message()} />}</Show>

      <section class="eval-section" aria-labelledby={newRunId}>
        <h3 id={newRunId}>{t('newRun')}</h3>
        <DatasetPicker onChange={setDataset} disabled={state.active() !== undefined} />
        <div class="eval-form-row">
          <NumberField
            class="eval-concurrency"
            label={t('concurrency')}
            min="1"
            max="16"
            step="1"
            inputmode="numeric"
            value={concurrency()}
            onInput={(text) => {
              const value = Math.floor(Number(text));
              setConcurrency(Number.isFinite(value) ? Math.min(16, Math.max(1, value)) : 1);
            }}
          />
          <Show when={agents().length > 0}>
            <label for={agentSelectId}>{t('agent')}</label>
            <select id={agentSelectId} value={agentId() ?? ''} onChange={(event) => setAgentId(event.currentTarget.value)}>
              <For each={agents()}>{(candidate) => <option value={candidate.id}>{candidate.name}</option>}</For>
            </select>
          </Show>
          <p class="eval-model">
            {/* The label is also what runs record (a resume compares it), so only its display is translated. */}
            {t('model', { model: ((label) => (label === NO_MODEL_LABEL ? t('noModelSet') : label))(modelLabel(context.settings(), agent())) })}
          </p>
        </div>
        <div class="eval-actions">
          <button
            type="button"
            class="primary"
            disabled={dataset() === undefined || state.active() !== undefined}
            onClick={() => {
              const chosen = dataset();
              if (chosen) void state.start(chosen, concurrency());
            }}
          >
            {t('run')}
          </button>
          <button type="button" disabled={state.active() === undefined} onClick={() => state.stop()}>
            {t('stop')}
          </button>
        </div>
        <Show when={state.active()}>
          {(active) => (
            <div class="eval-progress">
              <span id={progressLabelId}>{t('progressLabel')}</span>
              <progress
                max={Math.max(1, active().total)}
                value={active().done}
                aria-labelledby={progressLabelId}
                aria-valuemin={0}
                aria-valuemax={active().total}
                aria-valuenow={active().done}
                aria-valuetext={t('progressText', { done: active().done, total: active().total })}
              />
              <small class="muted">{t('progressText', { done: active().done, total: active().total })}</small>
            </div>
          )}
        </Show>
      </section>

      <section class="eval-section" aria-labelledby={runsId}>
        <h3 id={runsId}>{t('runsHeading')}</h3>
        <Show when={state.runs().length > 0} fallback={<p class="muted">{t('noRuns')}</p>}>
          <RunsTable
            runs={state.runs()}
            nameOf={nameOf}
            activeId={state.active()?.runId}
            selectedId={state.selectedId()}
            busy={state.active() !== undefined}
            onShow={(id) => void state.select(id)}
            onResume={(id) => void state.resume(id, concurrency())}
            onDelete={(id) => void state.remove(id)}
          />
        </Show>
      </section>

      <Show when={state.runs().length > 0}>
        <section class="eval-section" aria-labelledby={chartId}>
          <h3 id={chartId}>{t('chartHeading')}</h3>
          <Show when={chartRuns().length > 0} fallback={<p class="muted">{t('chartEmpty')}</p>}>
            <RunsChart runs={chartRuns()} />
          </Show>
        </section>
      </Show>

      <Show when={selectedRun()}>
        {(run) => (
          <section class="eval-section" aria-labelledby={resultsId}>
            <h3 id={resultsId}>{t('resultsHeading', { run: nameOf(run()) })}</h3>
            <p class="muted">
              {run().dataset} · {run().model}
            </p>
            <Show when={state.entries().length > 0}>
              <SummaryView summary={summary()} label={t('summaryHeading')} />
              <ResultsTable entries={state.entries()} caption={t('resultsCaption', { run: nameOf(run()) })} />
            </Show>
          </section>
        )}
      </Show>

      <ExportPanel openDatabase={context.openDatabase} manifests={() => context.services.toolManifests?.() ?? []} />
    </div>
  );
}
