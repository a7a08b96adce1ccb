/** The transformers.js engine in-process on the page's main thread (the "direct" path). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@huggingface/transformers';
import { collectChat } from '../../../src/llm/collect-chat';
import { bundledOrtWasmPaths, createTransformersEngine } from '../../../src/llm/transformers';
import { chatRequest, isAborted, readUntilAbort, tinyModelOptions } from './worker-support';

describe('transformers engine on the main thread (wasm)', () => {
  const engine = createTransformersEngine(tinyModelOptions('wasm'));
  beforeAll(() => engine.load(), 120_000);
  afterAll(() => engine.unload());

  it('serves onnxruntime-web from our own origin, never a CDN', () => {
    const paths = env.backends.onnx.wasm?.wasmPaths as { wasm: string; mjs: string };
    expect(paths.wasm).toBe(bundledOrtWasmPaths.wasm);
    expect(new URL(paths.wasm, location.href).origin).toBe(location.origin);
    const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(urls.filter((url) => new URL(url).origin !== location.origin)).toEqual([]);
  });

  it('keeps the page responsive while decoding: timers run between tokens', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    try {
      const answer = await collectChat(engine.chat({ ...chatRequest, maxTokens: 64 }));
      expect(answer.usage?.completionTokens).toBe(64);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
  });

  it('aborts from a timer while decoding, and the next request works', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    setTimeout(() => controller.abort(), 30);
    const failure = await collectChat(engine.chat({ ...chatRequest, maxTokens: 900 }, controller.signal), (chunk) => {
      if (chunk.type === 'text-delta') seen.push(chunk.text);
    }).catch((error: unknown) => error);
    expect(isAborted(failure)).toBe(true);
    const result = await readUntilAbort((signal) => engine.chat(chatRequest, signal), 100);
    expect(result.error).toBeUndefined();
    expect(result.deltas.join('').length).toBeGreaterThan(10);
  });
});
