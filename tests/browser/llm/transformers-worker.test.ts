/** The transformers.js engine in a real worker on the WASM and WebGPU (SwiftShader) backends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../src/core/types';
import { collectChat } from '../../../src/llm/collect-chat';
import type { TransformersDevice } from '../../../src/llm/transformers';
import { chatRequest, forgetCachedFixture, isAborted, readUntilAbort, startTestWorker, type TestWorker } from './worker-support';

const LOAD_TIMEOUT_MS = 120_000;
/** SwiftShader runs WebGPU on the CPU, one shader dispatch at a time: far slower than WASM here. */
const STEP_TIMEOUT_MS = 90_000;

describe.each<TransformersDevice>(['wasm', 'webgpu'])('transformers engine in a worker on %s', (device) => {
  let current: TestWorker | undefined;
  const tokens = device === 'wasm' ? 24 : 6;
  const request = { ...chatRequest, maxTokens: tokens };
  beforeAll(async () => {
    // Forget the fixture's cached files (only those: other suites share the cache) so that this
    // suite's first load really downloads.
    await forgetCachedFixture();
  });
  afterAll(() => current?.worker.terminate());

  it(
    'loads the tiny model with progress events',
    async () => {
      if (device === 'webgpu') {
        // The project's TypeScript setup has no WebGPU types; requestAdapter is all this needs.
        const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<object | null> } }).gpu;
        expect(gpu, 'navigator.gpu is missing').toBeDefined();
        const adapter = await gpu!.requestAdapter();
        // A missing adapter means the WebGPU path is not tested at all: that is a failure.
        expect(adapter).not.toBeNull();
      }
      current = startTestWorker(device);
      const progress: LoadProgress[] = [];
      await current.engine.load((event) => progress.push(event));
      expect(progress.length).toBeGreaterThan(3);
      expect(progress.at(-1)).toMatchObject({ progress: 1, text: 'Ready' });
      expect(progress.some((event) => (event.totalBytes ?? 0) > 100_000 && (event.loadedBytes ?? 0) > 0), JSON.stringify(progress)).toBe(true);
      expect(current.engine.id).toBe('transformers:tiny-llm');
      expect(current.engine.capabilities.contextWindow).toBe(1024);
      const urls = await current.probes.resourceUrls();
      expect(urls.some((url) => url.includes('/tiny-llm/onnx/model.onnx'))).toBe(true);
      expect(urls.filter((url) => new URL(url).origin !== location.origin)).toEqual([]);
      if (device === 'webgpu') {
        // onnxruntime created its WebGPU device on the SwiftShader adapter: the model runs there.
        expect(await current.probes.webgpuAdapter()).toMatchObject({ architecture: expect.stringMatching(/swiftshader/i) });
      }
    },
    LOAD_TIMEOUT_MS,
  );

  it(
    'streams tokens and reports usage',
    async () => {
      const engine = current!.engine;
      let deltas = 0;
      const answer = await collectChat(engine.chat(request), (chunk) => {
        if (chunk.type === 'text-delta') deltas += 1;
      });
      expect(deltas).toBeGreaterThan(1);
      expect(answer.text.length).toBeGreaterThan(tokens / 2);
      expect(answer.usage?.completionTokens).toBe(tokens);
      expect(answer.finishReason).toBe('length');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'reads a prompt that continues the previous one from its cache, answering as without it',
    async () => {
      const engine = current!.engine;
      await engine.resetContext?.();
      // One new token: the cache then covers exactly this prompt (no cut, which WebGPU cannot do).
      const one = await collectChat(engine.chat({ ...request, maxTokens: 1 }));
      const next = { ...request, messages: [...request.messages, { role: 'assistant' as const, content: one.text }, { role: 'user' as const, content: 'And then?' }] };
      const reused = await collectChat(engine.chat(next));
      await engine.resetContext?.();
      const fresh = await collectChat(engine.chat(next));
      expect(reused.usage?.cachedPromptTokens).toBe(one.usage?.promptTokens);
      expect(fresh.usage?.cachedPromptTokens).toBeUndefined();
      expect(reused.text).toBe(fresh.text);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'aborts mid-stream: no chunk after the abort, and the next request works',
    async () => {
      const engine = current!.engine;
      const result = await readUntilAbort((signal) => engine.chat({ ...request, maxTokens: 900 }, signal), 1);
      expect(isAborted(result.error)).toBe(true);
      expect(result.deltas).toHaveLength(1);
      expect(result.afterAbort).toBe(0);
      // Had the 900-token answer run on in the worker, this one would wait minutes behind it.
      const next = await collectChat(engine.chat(request));
      expect(next.usage?.completionTokens).toBe(tokens);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'honours a stop string',
    async () => {
      const engine = current!.engine;
      const full = await collectChat(engine.chat(request));
      const stop = full.text.slice(3, 5);
      const answer = await collectChat(engine.chat({ ...request, stop: [stop] }));
      expect(answer.text).toBe(full.text.slice(0, full.text.indexOf(stop)));
      expect(answer.finishReason).toBe('stop');
    },
    STEP_TIMEOUT_MS,
  );
});

describe('transformers engine model cache', () => {
  it(
    'loads a second time, in a new worker, from the browser cache without fetching model files',
    async () => {
      await forgetCachedFixture();
      const first = startTestWorker('wasm');
      const second = startTestWorker('wasm');
      try {
        await first.engine.load();
        expect((await first.probes.resourceUrls()).some((url) => url.includes('/tiny-llm/onnx/model.onnx'))).toBe(true);
        const cached = await (await caches.open('transformers-cache')).keys();
        expect(cached.some((entry) => entry.url.includes('/tiny-llm/onnx/model.onnx'))).toBe(true);
        await second.engine.load();
        const urls = await second.probes.resourceUrls();
        expect(urls.filter((url) => url.includes('/tiny-llm/'))).toEqual([]);
        expect(urls.filter((url) => new URL(url).origin !== location.origin)).toEqual([]);
        const answer = await collectChat(second.engine.chat(chatRequest));
        expect(answer.usage?.completionTokens).toBe(chatRequest.maxTokens);
      } finally {
        first.worker.terminate();
        second.worker.terminate();
      }
    },
    LOAD_TIMEOUT_MS,
  );
});
