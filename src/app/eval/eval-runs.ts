import type { ChatEngine } from '../../core/types';
import { isEvalFormat, type EvalFormat } from '../../eval/request';
import type { ExampleResult } from '../../eval/results';
import { runEval, type RunEvalOutcome } from '../../eval/runner';
import type { EvalExample } from '../../eval/types';
import type { EvalExampleRecord, EvalRunRecord, TabagentDb } from '../../store';
import { createEvalRun, deleteEvalRun, getEvalRun, listEvalRuns, loadEvalExamples, updateEvalRun, type EvalRunPatch } from '../../store/eval-runs';
import { createRunResultStore, type RunResultStoreOptions } from './run-result-store';

/** One run to execute (or resume) over its examples. */
export interface ExecuteEvalRun {
  run: EvalRunRecord;
  examples: EvalExample[];
  /** Results stored earlier (a resumed run), by example id. */
  initial: ReadonlyMap<string, ExampleResult>;
  engine: ChatEngine;
  concurrency: number;
  signal: AbortSignal;
  now: () => number;
  onSaved: RunResultStoreOptions['onSaved'];
  onResult: (done: number) => void;
}

/** The eval use cases the Eval page calls: stored runs and the shared runner over them. */
export interface EvalRuns {
  /** Stored runs, most recently started first. */
  list(): Promise<EvalRunRecord[]>;
  get(runId: string): Promise<EvalRunRecord | undefined>;
  /** The run's examples with their results so far. */
  examples(runId: string): Promise<EvalExampleRecord[]>;
  create(run: EvalRunRecord, examples: readonly EvalExample[]): Promise<void>;
  update(runId: string, patch: EvalRunPatch): Promise<EvalRunRecord>;
  remove(runId: string): Promise<void>;
  /** Runs the examples on the engine, saving each result as it comes (resumable). */
  execute(request: ExecuteEvalRun): Promise<RunEvalOutcome>;
}

/** Eval runs kept in the database `openDatabase` opens. */
export function createEvalRuns(openDatabase: () => Promise<TabagentDb>): EvalRuns {
  return {
    async list() {
      return listEvalRuns(await openDatabase());
    },
    async get(runId) {
      return getEvalRun(await openDatabase(), runId);
    },
    async examples(runId) {
      return loadEvalExamples(await openDatabase(), runId);
    },
    async create(run, examples) {
      await createEvalRun(await openDatabase(), run, examples);
    },
    async update(runId, patch) {
      return updateEvalRun(await openDatabase(), runId, patch);
    },
    async remove(runId) {
      await deleteEvalRun(await openDatabase(), runId);
    },
    async execute(request) {
      const { run, examples, initial, now } = request;
      const store = createRunResultStore({ db: await openDatabase(), run, examples, initial, now, onSaved: request.onSaved });
      // A run keeps the call format it started with; older runs without one detect it.
      const format: EvalFormat = run.format !== undefined && isEvalFormat(run.format) ? run.format : 'auto';
      return runEval({
        examples,
        engine: request.engine,
        store,
        format,
        concurrency: request.concurrency,
        signal: request.signal,
        onResult: (_result, progress) => request.onResult(progress.done),
      });
    },
  };
}
