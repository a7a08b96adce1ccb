/**
 * Evaluation runs and their per-example records (`evalRuns`, `evalExamples`). A run is written
 * with every example it will score, so a run interrupted by a reload can resume from the database
 * alone; each result lands together with the run's progress in one transaction.
 */
import type { EvalExampleRecord, EvalRunRecord } from './records';
import type { TabagentDb } from './schema';
import { toStorageError } from './storage-error';
import { requestAll, writeTransaction } from './write-transaction';

/** Run fields that may change after creation. */
export type EvalRunPatch = Partial<Omit<EvalRunRecord, 'id' | 'startedAt' | 'total'>>;

/** The key range of one run's examples in `evalExamples` (keyed `[runId, index]`). */
function runRange(runId: string): IDBKeyRange {
  return IDBKeyRange.bound([runId, -Infinity], [runId, Infinity]);
}

function gone(): Error {
  return new Error('the run was deleted (perhaps in another tab)');
}

/**
 * Stores a new run and its examples (each with `result: null`) in one transaction: a run never
 * exists without the examples it needs to resume.
 */
export async function createEvalRun(db: TabagentDb, run: EvalRunRecord, examples: readonly unknown[]): Promise<void> {
  await writeTransaction(db, ['evalRuns', 'evalExamples'], () => `save the evaluation run on "${run.dataset}"`, async (tx) => {
    const records = tx.objectStore('evalExamples');
    await requestAll<unknown>([
      () => tx.objectStore('evalRuns').add(run),
      ...examples.map((example, index) => () => records.put({ runId: run.id, index, result: null, example })),
    ]);
  });
}

/** Every run, most recently started first. */
export async function listEvalRuns(db: TabagentDb): Promise<EvalRunRecord[]> {
  try {
    return (await db.getAllFromIndex('evalRuns', 'by-started')).reverse();
  } catch (error) {
    throw toStorageError(error, 'list your evaluation runs');
  }
}

/** One run, or undefined. */
export async function getEvalRun(db: TabagentDb, id: string): Promise<EvalRunRecord | undefined> {
  try {
    return await db.get('evalRuns', id);
  } catch (error) {
    throw toStorageError(error, 'load the evaluation run');
  }
}

/** A run's example records, by index. */
export async function loadEvalExamples(db: TabagentDb, runId: string): Promise<EvalExampleRecord[]> {
  try {
    return await db.getAll('evalExamples', runRange(runId));
  } catch (error) {
    throw toStorageError(error, 'load the evaluation results');
  }
}

/**
 * Stores results of some examples and changes the run (its progress, summary) in one
 * transaction, so the run's `completed` never disagrees with the results stored. Returns the run
 * as stored.
 */
export async function saveEvalResults(
  db: TabagentDb,
  runId: string,
  results: ReadonlyArray<{ index: number; result: unknown }>,
  patch: EvalRunPatch,
): Promise<EvalRunRecord> {
  return writeTransaction(db, ['evalRuns', 'evalExamples'], () => 'save the evaluation results', async (tx) => {
    const examples = tx.objectStore('evalExamples');
    const runs = tx.objectStore('evalRuns');
    const run = await runs.get(runId);
    if (!run) throw gone();
    const existing = await requestAll(results.map(({ index }) => () => examples.get([runId, index])));
    const next: EvalRunRecord = { ...run, ...patch, id: run.id, startedAt: run.startedAt, total: run.total };
    await requestAll<unknown>([
      ...results.map(({ index, result }, position) => () => examples.put({ ...(existing[position] ?? { runId, index }), result })),
      () => runs.put(next),
    ]);
    return next;
  });
}

/** Changes a run (status, summary, error) and returns it as stored. */
export async function updateEvalRun(db: TabagentDb, id: string, patch: EvalRunPatch): Promise<EvalRunRecord> {
  return saveEvalResults(db, id, [], patch);
}

/** Deletes a run and all its examples in one transaction. */
export async function deleteEvalRun(db: TabagentDb, id: string): Promise<void> {
  await writeTransaction(db, ['evalRuns', 'evalExamples'], () => 'delete the evaluation run', async (tx) => {
    await requestAll([() => tx.objectStore('evalRuns').delete(id), () => tx.objectStore('evalExamples').delete(runRange(id))]);
  });
}
