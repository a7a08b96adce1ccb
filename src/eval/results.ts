/** Per-example result lines (results.jsonl) and where they are kept. */
import type { EvalSummary, ExampleScores } from './metrics/summary';
import type { Prediction } from './score';
import { isRecord } from '../core/is-record';

/** One line of results.jsonl. */
export interface ExampleResult {
  id: string;
  /** What was read out of the answer; absent when the request failed. */
  prediction?: Prediction;
  /** The answer to the follow-up step (after the gold calls' results), when there was one. */
  followUp?: string;
  scores?: ExampleScores;
  /** Why the example could not be scored (engine or network error). Retried on the next run. */
  error?: string;
  /** Time spent on the example's requests, by the runner's clock. */
  durationMs: number;
}

/**
 * Where a run keeps its results: the CLI uses files in --out, the app can keep them anywhere. The
 * runner only appends, so a run that is killed leaves at most a partial last line behind.
 */
export interface ResultStore {
  /** The results text written so far ('' when none). */
  read(): Promise<string>;
  /** Appends text (whole lines, each ending in "\n"). */
  append(text: string): Promise<void>;
  /** Writes the summary at the end of a run (replacing an earlier one). */
  writeSummary(summary: EvalSummary): Promise<void>;
}

/** A store in memory (tests; the app's Eval page before it persists anything). */
export function createMemoryResultStore(initial = ''): ResultStore & { text: string; summary: EvalSummary | null } {
  const store = {
    text: initial,
    summary: null as EvalSummary | null,
    async read() {
      return store.text;
    },
    async append(text: string) {
      store.text += text;
    },
    async writeSummary(summary: EvalSummary) {
      store.summary = summary;
    },
  };
  return store;
}

/**
 * Reads results text. Lines that are not a whole JSON result (the partial last line of a killed run)
 * are ignored; when an id appears twice the later line wins (an error retried on a later run).
 */
export function parseResults(text: string): Map<string, ExampleResult> {
  const results = new Map<string, ExampleResult>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (isRecord(value) && typeof value.id === 'string' && typeof value.durationMs === 'number') {
      results.set(value.id, value as unknown as ExampleResult);
    }
  }
  return results;
}
