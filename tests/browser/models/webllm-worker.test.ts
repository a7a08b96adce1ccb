import { prebuiltAppConfig, type AppConfig } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { ChatEngine, LoadProgress } from '../../../src/core/types';
import { createWorkerEngine, createWorkerModelCache, spawnWebLLMWorker } from '../../../src/llm/worker-protocol';

// Every URL points at the test server itself: no request leaves localhost.
const base = `${location.origin}/__tabagent-missing-model/`;
// A closed port on this machine: the connection is refused, nothing is sent anywhere else.
const closed = 'http://127.0.0.1:9/models/';
const appConfig: AppConfig = {
  model_list: [
    {
      model: closed,
      model_id: 'Unreachable-Local-Model-q4f32_1-MLC',
      model_lib: `${closed}missing-webgpu.wasm`,
      low_resource_required: true,
    },
    {
      model: base,
      model_id: 'Missing-Local-Model-q4f32_1-MLC',
      model_lib: `${base}missing-webgpu.wasm`,
      low_resource_required: true,
      overrides: { context_window_size: 1024 },
    },
  ],
};

const engines: ChatEngine[] = [];
const workers: Worker[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.unload();
  for (const worker of workers.splice(0)) worker.terminate();
});

/** The app's path: web-llm's engine in workers/webllm.worker.ts, reached over the worker protocol. */
function createWebLLMEngine(options: { modelId: string; appConfig: AppConfig }): ChatEngine {
  const worker = spawnWebLLMWorker();
  workers.push(worker);
  return createWorkerEngine(worker, { kind: 'webllm', engineOptions: options });
}

async function loadFailure(engine: ChatEngine, onProgress?: (progress: LoadProgress) => void): Promise<TabagentError> {
  try {
    await engine.load(onProgress);
  } catch (error) {
    expect(TabagentError.is(error), String(error)).toBe(true);
    return error as TabagentError;
  }
  throw new Error('the load should have failed');
}

// Each test starts a worker that loads web-llm: seconds on a busy machine.
describe('web-llm in its worker (real MLCEngine behind the worker protocol, no model files)', { timeout: 60_000 }, () => {
  it('an id missing from the appConfig arrives on the main thread as a config error', async () => {
    const engine = createWebLLMEngine({ modelId: 'Not-In-The-List-MLC', appConfig });
    engines.push(engine);
    const error = await loadFailure(engine);
    expect(error.code).toBe('config');
    expect(error.data.reason).toBe('unknown-model');
    expect(String(error.data.detail)).toContain('Not-In-The-List-MLC');
  });

  it('a model whose files cannot be fetched fails with a typed error, and the engine stays usable', async () => {
    const engine = createWebLLMEngine({ modelId: 'Missing-Local-Model-q4f32_1-MLC', appConfig });
    engines.push(engine);
    const error = await loadFailure(engine);
    // The test server answers unknown paths with its HTML page, as many real servers do.
    expect([error.code, error.data.reason]).toEqual(['not-found', 'not-model-files']);
    expect(error.data.modelId).toBe('Missing-Local-Model-q4f32_1-MLC');
    // A second attempt runs again (no stuck promise) and fails the same way.
    expect((await loadFailure(engine)).code).toBe(error.code);
  });

  it('a model server that refuses connections gives a retryable network error', async () => {
    const engine = createWebLLMEngine({ modelId: 'Unreachable-Local-Model-q4f32_1-MLC', appConfig });
    engines.push(engine);
    const error = await loadFailure(engine);
    expect([error.code, error.data.reason, error.isRetryable]).toEqual(['network', 'download', true]);
  });

  it('chat on an unloadable model fails with the load error instead of hanging', async () => {
    const engine = createWebLLMEngine({ modelId: 'Not-In-The-List-MLC', appConfig });
    engines.push(engine);
    const chunks = engine.chat({ messages: [{ role: 'user', content: 'hi' }] });
    await expect(
      (async () => {
        for await (const chunk of chunks) void chunk;
      })(),
    ).rejects.toMatchObject({ code: 'config' });
  });
});

describe("web-llm's cache, asked in its worker", { timeout: 60_000 }, () => {
  const MODEL_ID = 'Qwen3-0.6B-q4f16_1-MLC';
  const record = prebuiltAppConfig.model_list.find((candidate) => candidate.model_id === MODEL_ID);
  const modelUrl = `${record?.model ?? ''}/resolve/main/`;

  afterEach(async () => {
    for (const name of ['webllm/model', 'webllm/config', 'webllm/wasm']) await caches.delete(name);
  });

  // One worker answers every question of the test (it ends a second after the last answer).
  it('reads and deletes what web-llm cached, with web-llm\'s own cache names and keys', async () => {
    const cache = createWorkerModelCache({ spawn: spawnWebLLMWorker, kind: 'webllm', idleMs: 1000 });
    expect(await cache.has(MODEL_ID)).toBe(false);

    // What web-llm leaves after a download: its tensor list and every shard it names.
    const weights = await caches.open('webllm/model');
    await weights.put(`${modelUrl}tensor-cache.json`, Response.json({ records: [{ dataPath: 'params_shard_0.bin' }] }));
    await weights.put(`${modelUrl}params_shard_0.bin`, new Response(new Uint8Array(16)));
    await weights.put(`${modelUrl}tokenizer.json`, Response.json({}));
    expect(await cache.has(MODEL_ID)).toBe(true);

    await cache.delete(MODEL_ID);
    expect(await cache.has(MODEL_ID)).toBe(false);
    // The weights and tokenizer are gone (web-llm itself keeps its small tensor list).
    expect((await weights.keys()).map((request) => request.url)).toEqual([`${modelUrl}tensor-cache.json`]);
  });

  it('names an id web-llm does not know', async () => {
    const cache = createWorkerModelCache({ spawn: spawnWebLLMWorker, kind: 'webllm', idleMs: 0 });
    await expect(cache.has('Not-A-Prebuilt-Model-MLC')).rejects.toMatchObject({ code: 'config', data: { reason: 'unknown-model' } });
  });
});
