/** The in-process transformers.js engine on the tiny fixture (onnxruntime-node CPU). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../src/llm/transformers';
import type { ChatChunk, ChatEngine, ChatRequest, LoadProgress } from '../../../src/core/types';
import { TabagentError } from '../../../src/core/errors';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

const request: ChatRequest = { messages: [{ role: 'user', content: 'Tell me a story' }], temperature: 0, maxTokens: 40 };

describe('createTransformersEngine (Node, CPU)', () => {
  let engine: ChatEngine;
  const progress: LoadProgress[] = [];

  beforeAll(async () => {
    makeTinyLlm();
    engine = createTransformersEngine({ modelId: TINY_LLM_ID, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR });
    await engine.load((event) => progress.push(event));
  });
  afterAll(async () => {
    await engine.unload();
  });

  it('reports load progress that ends at 1 and never goes backwards', () => {
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ progress: 1, text: 'Ready' });
    const fractions = progress.map((event) => event.progress);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(progress.some((event) => (event.totalBytes ?? 0) > 100_000)).toBe(true);
  });

  it('describes itself: text tool calls under its grammar, context window from the model config', () => {
    expect(engine.id).toBe('transformers:tiny-llm');
    expect(engine.capabilities).toEqual({ nativeToolCalls: false, constrainedOutput: 'grammar', contextWindow: 1024 });
  });

  it('streams text deltas, then usage and a length finish at maxTokens', async () => {
    const chunks: ChatChunk[] = [];
    const answer = await collectChat(engine.chat(request), (chunk) => chunks.push(chunk));
    expect(chunks.filter((chunk) => chunk.type === 'text-delta').length).toBeGreaterThan(2);
    expect(answer.text.length).toBeGreaterThan(10);
    expect(answer.usage).toEqual({ promptTokens: expect.any(Number), completionTokens: 40 });
    expect(answer.usage?.promptTokens).toBeGreaterThan(5);
    expect(answer.finishReason).toBe('length');
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'length' });
  });

  it('is deterministic with temperature 0', async () => {
    const first = await collectChat(engine.chat(request));
    const second = await collectChat(engine.chat(request));
    expect(second.text).toBe(first.text);
  });

  it('honours stop strings: text ends before the stop, finish is stop', async () => {
    const full = await collectChat(engine.chat(request));
    const stop = full.text.slice(12, 15);
    const cut = full.text.indexOf(stop);
    const answer = await collectChat(engine.chat({ ...request, stop: [stop] }));
    expect(answer.text).toBe(full.text.slice(0, cut));
    expect(answer.finishReason).toBe('stop');
    expect(answer.usage?.completionTokens).toBeLessThan(40);
  });

  it('aborts mid-generation with an aborted error, no chunk after it, and the next request works', async () => {
    const controller = new AbortController();
    const seen: ChatChunk[] = [];
    let failure: unknown;
    try {
      for await (const chunk of engine.chat({ ...request, maxTokens: 400 }, controller.signal)) {
        seen.push(chunk);
        if (seen.length === 2) controller.abort();
      }
    } catch (error) {
      failure = error;
    }
    expect(TabagentError.is(failure) && failure.code).toBe('aborted');
    expect(seen).toHaveLength(2);
    const next = await collectChat(engine.chat(request));
    expect(next.usage?.completionTokens).toBe(40);
  });

  it('stops decoding when the consumer stops iterating', async () => {
    let count = 0;
    for await (const chunk of engine.chat({ ...request, maxTokens: 400 })) {
      if (chunk.type === 'text-delta') count += 1;
      if (count === 1) break;
    }
    const started = performance.now();
    await collectChat(engine.chat({ ...request, maxTokens: 4 }));
    // The abandoned 400-token answer must not run to the end before this one starts.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects a request that is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(collectChat(engine.chat(request, controller.signal))).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('createTransformersEngine errors', () => {
  it('fails a missing model with not-found and its id in data', async () => {
    const engine = createTransformersEngine({ modelId: 'no-such-model', device: 'wasm', localModelPath: GENERATED_MODELS_DIR });
    await expect(engine.load()).rejects.toMatchObject({ code: 'not-found', data: { modelId: 'no-such-model' } });
  });

  it('refuses to chat before load with a config error', async () => {
    const engine = createTransformersEngine({ modelId: TINY_LLM_ID, device: 'wasm', localModelPath: GENERATED_MODELS_DIR });
    await expect(collectChat(engine.chat(request))).rejects.toMatchObject({ code: 'config' });
  });
});
