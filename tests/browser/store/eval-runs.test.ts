import { afterEach, describe, expect, it } from 'vitest';
import type { EvalRunRecord } from '../../../src/store';
import { createEvalRun, deleteEvalRun, getEvalRun, listEvalRuns, loadEvalExamples, saveEvalResults, updateEvalRun } from '../../../src/store/eval-runs';
import { StoreScope } from './support';

const scope = new StoreScope();
afterEach(() => scope.cleanup());

function run(id: string, startedAt: number, total = 3): EvalRunRecord {
  return { id, dataset: 'sample', model: 'm @ host', startedAt, status: 'running', total, completed: 0, format: 'native' };
}

describe('eval runs store', () => {
  it('stores a run with its examples, saves results with progress in one step, lists newest first', async () => {
    const db = await scope.open();
    await createEvalRun(db, run('old', 1), [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    await createEvalRun(db, run('new', 2, 1), [{ id: 'z' }]);
    expect((await listEvalRuns(db)).map((entry) => entry.id)).toEqual(['new', 'old']);
    expect(await loadEvalExamples(db, 'old')).toEqual([
      { runId: 'old', index: 0, result: null, example: { id: 'a' } },
      { runId: 'old', index: 1, result: null, example: { id: 'b' } },
      { runId: 'old', index: 2, result: null, example: { id: 'c' } },
    ]);

    const stored = await saveEvalResults(db, 'old', [{ index: 1, result: { id: 'b', durationMs: 3 } }], { completed: 1, summary: { actionEM: 1 } });
    expect(stored).toMatchObject({ id: 'old', completed: 1, summary: { actionEM: 1 }, total: 3, startedAt: 1 });
    expect((await loadEvalExamples(db, 'old'))[1]).toEqual({ runId: 'old', index: 1, result: { id: 'b', durationMs: 3 }, example: { id: 'b' } });
    expect(await updateEvalRun(db, 'old', { status: 'done', finishedAt: 9 })).toMatchObject({ status: 'done', finishedAt: 9, completed: 1 });
    expect((await getEvalRun(db, 'old'))?.status).toBe('done');
  });

  it('deletes a run with all its examples and nothing else', async () => {
    const db = await scope.open();
    await createEvalRun(db, run('keep', 1, 2), [{ id: 'a' }, { id: 'b' }]);
    await createEvalRun(db, run('drop', 2, 2), [{ id: 'a' }, { id: 'b' }]);
    await deleteEvalRun(db, 'drop');
    expect(await getEvalRun(db, 'drop')).toBeUndefined();
    expect(await loadEvalExamples(db, 'drop')).toEqual([]);
    expect(await loadEvalExamples(db, 'keep')).toHaveLength(2);
  });

  it('writes nothing when the run is gone, and reports it as a storage error', async () => {
    const db = await scope.open();
    await createEvalRun(db, run('r', 1, 1), [{ id: 'a' }]);
    await deleteEvalRun(db, 'r');
    await expect(saveEvalResults(db, 'r', [{ index: 0, result: { id: 'a' } }], { completed: 1 })).rejects.toMatchObject({ code: 'storage' });
    expect(await loadEvalExamples(db, 'r')).toEqual([]);
    // Creating a run whose id exists fails as a whole: no example of it is written.
    await createEvalRun(db, run('dup', 1, 1), [{ id: 'first' }]);
    await expect(createEvalRun(db, run('dup', 2, 2), [{ id: 'x' }, { id: 'y' }])).rejects.toMatchObject({ code: 'storage' });
    expect(await loadEvalExamples(db, 'dup')).toEqual([{ runId: 'dup', index: 0, result: null, example: { id: 'first' } }]);
  });
});
