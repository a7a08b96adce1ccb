/** Helpers shared by the LLM browser tests: the fixture's URL, workers, and stream readers. */
import { wrap, type Remote } from 'comlink';
import type { ChatChunk, ChatEngine, ChatRequest } from '../../../src/core/types';
import { TabagentError } from '../../../src/core/errors';
import { createWorkerEngine } from '../../../src/llm/worker-protocol';
import type { TransformersDevice, TransformersEngineOptions } from '../../../src/llm/transformers';
import type { LlmTestProbes } from './llm-test.worker';

/** Where Vite serves the generated fixture (the project root is served as-is in browser mode). */
export const FIXTURE_MODELS_URL = '/tests/fixtures/generated/models/';

export const chatRequest: ChatRequest = { messages: [{ role: 'user', content: 'Tell me a story' }], temperature: 0, maxTokens: 24 };

export function tinyModelOptions(device: TransformersDevice): TransformersEngineOptions {
  return { modelId: 'tiny-llm', device, dtype: 'fp32', localModelPath: FIXTURE_MODELS_URL };
}

export interface TestWorker {
  worker: Worker;
  engine: ChatEngine;
  probes: Remote<LlmTestProbes>;
}

/** Starts the test worker (production host + probes) and its ChatEngine proxy. */
export function startTestWorker(device: TransformersDevice): TestWorker {
  const worker = new Worker(new URL('./llm-test.worker.ts', import.meta.url), { type: 'module' });
  const engine = createWorkerEngine(worker, { kind: 'transformers', engineOptions: tinyModelOptions(device) });
  return { worker, engine, probes: wrap<LlmTestProbes>(worker) };
}

/** Reads a stream, aborting after `abortAfter` text deltas; returns what arrived and the error. */
export async function readUntilAbort(
  stream: (signal: AbortSignal) => AsyncIterable<ChatChunk>,
  abortAfter: number,
): Promise<{ deltas: string[]; error: unknown; afterAbort: number }> {
  const controller = new AbortController();
  const deltas: string[] = [];
  let afterAbort = 0;
  let error: unknown;
  try {
    for await (const chunk of stream(controller.signal)) {
      if (controller.signal.aborted) afterAbort += 1;
      if (chunk.type === 'text-delta') deltas.push(chunk.text);
      if (deltas.length === abortAfter) controller.abort();
    }
  } catch (caught) {
    error = caught;
  }
  return { deltas, error, afterAbort };
}

export function isAborted(error: unknown): boolean {
  return TabagentError.is(error) && error.code === 'aborted';
}

/** Deletes the tiny fixture's entries from transformers.js's Cache API cache. */
export async function forgetCachedFixture(): Promise<void> {
  const cache = await caches.open('transformers-cache');
  const prefix = new URL(`${FIXTURE_MODELS_URL}tiny-llm/`, location.href).href;
  const entries = (await cache.keys()).filter((request) => request.url.startsWith(prefix));
  await Promise.all(entries.map((request) => cache.delete(request)));
}
