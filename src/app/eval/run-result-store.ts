/**
 * The eval runner's ResultStore kept in IndexedDB: each result line the runner appends is stored
 * on its example's record together with the run's progress and running summary, so the runs
 * table and chart are current and an interrupted run resumes from what was stored.
 */
import { summarize, type EvalSummary } from '../../eval/metrics/summary';
import { parseResults, type ExampleResult, type ResultStore } from '../../eval/results';
import type { EvalExample } from '../../eval/types';
import type { EvalRunRecord, TabagentDb } from '../../store';
import { saveEvalResults, updateEvalRun } from '../../store/eval-runs';

/** The metrics a run record keeps (each 0..1), in the order tables and the chart show them. */
export const RUN_METRICS = ['actionEM', 'argumentF1', 'rougeL', 'wellFormedCallRate', 'hallucinatedToolRate', 'noCallAccuracy'] as const;

/** One of {@link RUN_METRICS}. */
export type RunMetric = (typeof RUN_METRICS)[number];

/**
 * A summary as the run record keeps it: metric → value, metrics with nothing counted left out,
 * plus `errorRate` (examples that failed ÷ examples with a result), which tells whether a finished
 * run has examples to retry.
 */
export function flattenSummary(summary: EvalSummary): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const metric of RUN_METRICS) {
    const value = summary[metric].value;
    if (value !== null) flat[metric] = value;
  }
  if (summary.examples > 0) flat.errorRate = summary.errors / summary.examples;
  return flat;
}

export interface RunResultStoreOptions {
  db: TabagentDb;
  run: EvalRunRecord;
  examples: readonly EvalExample[];
  /** Results stored earlier (a resumed run), by example id. */
  initial: ReadonlyMap<string, ExampleResult>;
  now: () => number;
  /** After each save: the run as stored and the example results saved (by index). */
  onSaved: (run: EvalRunRecord, saved: ReadonlyArray<{ index: number; result: ExampleResult }>) => void;
}

/** A ResultStore over one stored run. */
export function createRunResultStore(options: RunResultStoreOptions): ResultStore {
  const { db, run } = options;
  const indexOf = new Map(options.examples.map((example, index) => [example.id, index]));
  const results = new Map(options.initial);
  return {
    async read() {
      return [...results.values()].map((result) => `${JSON.stringify(result)}\n`).join('');
    },
    async append(text) {
      const saved: Array<{ index: number; result: ExampleResult }> = [];
      for (const [id, result] of parseResults(text)) {
        const index = indexOf.get(id);
        if (index === undefined) continue;
        results.set(id, result);
        saved.push({ index, result });
      }
      if (saved.length === 0) return;
      const stored = await saveEvalResults(db, run.id, saved, {
        completed: results.size,
        summary: flattenSummary(summarize([...results.values()])),
      });
      options.onSaved(stored, saved);
    },
    async writeSummary(summary) {
      const stored = await updateEvalRun(db, run.id, {
        status: 'done',
        finishedAt: options.now(),
        completed: results.size,
        summary: flattenSummary(summary),
        error: undefined,
      });
      options.onSaved(stored, []);
    },
  };
}
