import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileResultStore } from '../../../src/cli/eval-files';
import { runEval } from '../../../src/eval/runner';
import { loadBfcl } from './fixtures';
import { createReplayEngine } from './replay';

describe('results in files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after a killed run left half a line, and every whole line stays valid JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tabagent-eval-store-'));
    dirs.push(dir);
    const { examples } = loadBfcl();
    const firstTwo = await runEval({ examples: examples.slice(0, 2), engine: createReplayEngine(examples), store: createFileResultStore(dir), format: 'native' });
    expect(firstTwo.ran).toBe(2);
    const results = join(dir, 'results.jsonl');
    writeFileSync(results, `${readFileSync(results, 'utf8')}{"id": "simple_2", "pred`);

    const asked: string[] = [];
    const engine = createReplayEngine(examples, { onRequest: (id) => void asked.push(id) });
    const outcome = await runEval({ examples, engine, store: createFileResultStore(dir), format: 'native' });
    expect(outcome).toMatchObject({ skipped: 2, ran: 5, aborted: false });
    expect(asked).not.toContain('simple_0');
    expect(asked).toContain('simple_2');

    const lines = readFileSync(results, 'utf8').split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(8);
    expect(lines.filter((line) => line.startsWith('{"id": "simple_2", "pred'))).toHaveLength(1);
    expect(lines.filter((line) => !line.startsWith('{"id": "simple_2", "pred')).map((line) => (JSON.parse(line) as { id: string }).id).sort()).toEqual(
      examples.map((example) => example.id).sort(),
    );
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toEqual(outcome.summary);
  });
});
