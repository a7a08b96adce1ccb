/** The eval's files in --out: results.jsonl (appended as results come), summary.json and run.json. */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvalSummary } from '../eval/metrics/summary';
import type { ResultStore } from '../eval/results';

/** A ResultStore over files in `dir` (created when missing). */
export function createFileResultStore(dir: string): ResultStore {
  const results = join(dir, 'results.jsonl');
  return {
    async read() {
      try {
        return await readFile(results, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
        throw error;
      }
    },
    async append(text: string) {
      await mkdir(dir, { recursive: true });
      await appendFile(results, text, 'utf8');
    },
    async writeSummary(summary: EvalSummary) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`, 'utf8');
    },
  };
}

/**
 * What a run was, so a resume with other settings into the same folder is refused. The server URL is
 * not part of it: the same model may come back on another port.
 */
export interface RunIdentity {
  data: string;
  answers: string | null;
  model: string;
  format: string;
}

/**
 * Records the run's identity in `dir/run.json`, or checks it against the one there. Returns the name
 * of the first setting that differs (results of two runs must not be mixed), or null.
 */
export async function checkRunIdentity(dir: string, identity: RunIdentity): Promise<string | null> {
  const path = join(dir, 'run.json');
  let existing: string | null = null;
  try {
    existing = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing !== null) {
    const previous = JSON.parse(existing) as Partial<RunIdentity>;
    for (const key of Object.keys(identity) as Array<keyof RunIdentity>) {
      if ((previous[key] ?? null) !== identity[key]) return key;
    }
    return null;
  }
  await mkdir(dir, { recursive: true });
  await writeFile(path, `${JSON.stringify(identity, null, 2)}\n`, 'utf8');
  return null;
}
