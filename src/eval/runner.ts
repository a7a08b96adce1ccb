/**
 * Runs an eval over any ChatEngine: each example's request is built, answered, read and scored, with
 * at most `concurrency` requests in flight. Each result is appended to the store as soon as it is
 * known, so a run that stops (killed, aborted, crashed) resumes where it left off: examples that
 * already have a result are skipped (failed ones are tried again).
 */
import type { ChatEngine, ChatMessage, ToolCall } from '../core/types';
import { collectChat } from '../core/chat-accumulator';
import { extractPrediction } from './extract';
import { summarize, type EvalSummary } from './metrics/summary';
import { buildEvalRequest, textFormatFor, type RequestSettings } from './request';
import { parseResults, type ExampleResult, type ResultStore } from './results';
import { scoreExample } from './score';
import { goldCalls, type EvalExample } from './types';

/** Options of {@link runEval}. */
export interface RunEvalOptions extends RequestSettings {
  examples: readonly EvalExample[];
  engine: ChatEngine;
  store: ResultStore;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Clock in milliseconds, for durations. Default `performance.now`. */
  now?: () => number;
  /** Stops the run: no new example starts and requests in flight are aborted (a finished one is still kept). */
  signal?: AbortSignal;
  /** Called after each new result is stored. */
  onResult?: (result: ExampleResult, progress: { done: number; total: number }) => void;
  /**
   * Ask for the final answer after showing the gold calls' results, for examples that have
   * `toolResults` and `finalAnswer` (scored with ROUGE-L). Default true.
   */
  followUp?: boolean;
}

/** What a run did. */
export interface RunEvalOutcome {
  /** Over every example given that has a result, from this run or an earlier one. */
  summary: EvalSummary;
  /** Examples skipped because an earlier run already scored them. */
  skipped: number;
  /** Examples run now. */
  ran: number;
  /** The signal stopped the run before every example had a result (no summary was written). */
  aborted: boolean;
}

/** Runs (or resumes) an eval; writes the summary to the store when every example has a result. */
export async function runEval(options: RunEvalOptions): Promise<RunEvalOutcome> {
  const now = options.now ?? (() => performance.now());
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const earlier = await options.store.read();
  const results = parseResults(earlier);
  // A killed run may have left half a line: start on a fresh line so the next result stays whole.
  let writes = earlier !== '' && !earlier.endsWith('\n') ? options.store.append('\n') : Promise.resolve();
  const pending = options.examples.filter((example) => {
    const result = results.get(example.id);
    return result === undefined || result.error !== undefined;
  });
  let next = 0;
  let done = 0;
  // A function, not an inline test: the signal changes while the worker awaits.
  const stopped = (): boolean => options.signal?.aborted === true;

  async function worker(): Promise<void> {
    while (next < pending.length && !stopped()) {
      const example = pending[next] as EvalExample;
      next += 1;
      const result = await runExample(example, options, now);
      // A result that completed despite a stop is kept: it is as valid as any other.
      if (result === null) return;
      results.set(example.id, result);
      // Appends are chained so that lines never interleave, whatever the store does.
      writes = writes.then(() => options.store.append(`${JSON.stringify(result)}\n`));
      await writes;
      done += 1;
      options.onResult?.(result, { done, total: pending.length });
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, () => worker()));
  await writes;
  const known = options.examples.flatMap((example) => {
    const result = results.get(example.id);
    return result === undefined ? [] : [result];
  });
  const summary = summarize(known);
  const aborted = known.length < options.examples.length;
  if (!aborted) await options.store.writeSummary(summary);
  return { summary, skipped: options.examples.length - pending.length, ran: done, aborted };
}

/** One example's requests and scores; null when the run was aborted meanwhile. */
async function runExample(example: EvalExample, options: RunEvalOptions, now: () => number): Promise<ExampleResult | null> {
  const started = now();
  const { engine, signal } = options;
  const textFormat = textFormatFor(options.format, engine.capabilities);
  try {
    const request = buildEvalRequest(example, example.messages, options, engine.capabilities);
    const prediction = extractPrediction(await collectChat(engine.chat(request, signal)), options.format, textFormat);
    let followUp: string | undefined;
    const gold = goldCalls(example.gold);
    if (options.followUp !== false && gold.length > 0 && example.toolResults && example.finalAnswer !== undefined) {
      // The final answer is judged on the gold calls' results, whatever the model called, so a wrong
      // call is not punished twice.
      const calls: ToolCall[] = gold.map((call, index) => ({ id: `gold_${index}`, ...call }));
      const messages: ChatMessage[] = [
        ...example.messages,
        { role: 'assistant', content: '', toolCalls: calls },
        ...example.toolResults.map((result, index): ChatMessage => ({
          role: 'tool',
          toolCallId: calls[Math.min(index, calls.length - 1)]?.id ?? '',
          name: result.name,
          content: result.content,
        })),
      ];
      const answer = await collectChat(engine.chat(buildEvalRequest(example, messages, options, engine.capabilities), signal));
      followUp = extractPrediction(answer, options.format, textFormat).text;
    }
    const result: ExampleResult = { id: example.id, prediction, scores: scoreExample(example, prediction, followUp), durationMs: now() - started };
    if (followUp !== undefined) result.followUp = followUp;
    return result;
  } catch (error) {
    // Only our own stop drops the example; any other failure is recorded (and retried next run).
    if (signal?.aborted === true) return null;
    return { id: example.id, error: error instanceof Error ? error.message : String(error), durationMs: now() - started };
  }
}
