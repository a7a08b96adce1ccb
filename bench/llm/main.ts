/**
 * The LLM bench page: the same tiny model, same prompt, greedy decoding, through our worker path
 * and through the engine called directly on this page. Runs alternate so drift hits both alike.
 */
import type { ChatEngine, ChatRequest } from '../../src/core/types';
import { createTransformersEngine, type TransformersEngineOptions } from '../../src/llm/transformers';
import { createWorkerEngine, spawnLlmWorker } from '../../src/llm/worker-protocol';
import './kv-reuse';

/** One timed answer. */
export interface LlmRun {
  path: 'direct' | 'worker';
  /** Milliseconds from chat() to the first text delta. */
  ttftMs: number;
  totalMs: number;
  completionTokens: number;
  tokensPerSecond: number;
}

export interface LlmBenchConfig {
  runs: number;
  maxTokens: number;
  modelsUrl: string;
}

declare global {
  interface Window {
    runLlmBench?: (config: LlmBenchConfig) => Promise<LlmRun[]>;
  }
}

async function timeOne(engine: ChatEngine, request: ChatRequest, path: LlmRun['path']): Promise<LlmRun> {
  const started = performance.now();
  let firstDelta: number | undefined;
  let completionTokens = 0;
  for await (const chunk of engine.chat(request)) {
    if (chunk.type === 'text-delta') firstDelta ??= performance.now();
    if (chunk.type === 'usage') completionTokens = chunk.usage.completionTokens;
  }
  const totalMs = performance.now() - started;
  return {
    path,
    ttftMs: (firstDelta ?? performance.now()) - started,
    totalMs,
    completionTokens,
    tokensPerSecond: completionTokens / (totalMs / 1000),
  };
}

window.runLlmBench = async (config) => {
  const options: TransformersEngineOptions = { modelId: 'tiny-llm', device: 'wasm', dtype: 'fp32', localModelPath: config.modelsUrl };
  const direct = createTransformersEngine(options);
  const worker = createWorkerEngine(spawnLlmWorker(), { kind: 'transformers', engineOptions: options });
  await direct.load();
  await worker.load();
  const request: ChatRequest = {
    messages: [{ role: 'user', content: 'Write a long story about a lighthouse keeper.' }],
    temperature: 0,
    maxTokens: config.maxTokens,
  };
  // Warm-up: first runs compile kernels and fill caches on both sides.
  await timeOne(direct, request, 'direct');
  await timeOne(worker, request, 'worker');
  const runs: LlmRun[] = [];
  for (let index = 0; index < config.runs; index += 1) {
    const order: [ChatEngine, LlmRun['path']][] = index % 2 === 0 ? [[direct, 'direct'], [worker, 'worker']] : [[worker, 'worker'], [direct, 'direct']];
    for (const [engine, path] of order) runs.push(await timeOne(engine, request, path));
  }
  await direct.unload();
  await worker.unload();
  return runs;
};
