import type { AppConfig } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { LoadProgress } from '../../../src/core/types';
import { createWebLLMEngine, type WebLLMEngine } from '../../../src/llm/webllm';

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

const engines: WebLLMEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.unload();
});

async function loadFailure(engine: WebLLMEngine, onProgress?: (progress: LoadProgress) => void): Promise<TabagentError> {
  try {
    await engine.load(onProgress);
  } catch (error) {
    expect(TabagentError.is(error), String(error)).toBe(true);
    return error as TabagentError;
  }
  throw new Error('the load should have failed');
}

describe('web-llm in its worker (real WebWorkerMLCEngineHandler, no model files)', () => {
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
    expect(engine.loaded).toBe(false);
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
