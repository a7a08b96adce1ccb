/**
 * Key/value cache reuse on the tiny fixture (onnxruntime-node CPU): a request that continues the
 * previous one reads only its new tokens, and writes exactly what a fresh engine writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectChat, type CollectedChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../src/llm/transformers';
import type { ChatEngine, ChatMessage, ChatRequest } from '../../../src/core/types';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

const options = { modelId: TINY_LLM_ID, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR } as const;

// Short messages: on long prompts the random model settles into repeating one character, which
// would hide a wrong cache; these answers still change with every token of context.
const first: ChatMessage[] = [
  { role: 'system', content: 'abc' },
  { role: 'user', content: 'Hello there' },
];

function ask(messages: ChatMessage[], maxTokens: number): ChatRequest {
  return { messages, temperature: 0, maxTokens };
}

/** The first conversation, its answer, and a tool result: what the agent sends at its next step. */
function continued(answer: string, extra = 'The quick brown fox'): ChatMessage[] {
  return [...first, { role: 'assistant', content: answer }, { role: 'user', content: extra }];
}

describe('transformers.js key/value cache reuse', () => {
  let engine: ChatEngine;
  let fresh: ChatEngine;

  beforeAll(async () => {
    makeTinyLlm();
    engine = createTransformersEngine(options);
    fresh = createTransformersEngine(options);
    await Promise.all([engine.load(), fresh.load()]);
  });
  afterAll(async () => {
    await Promise.all([engine.unload(), fresh.unload()]);
  });

  /** Runs `request` on the fresh engine with nothing cached: the reference answer. */
  async function reference(request: ChatRequest): Promise<CollectedChat> {
    await fresh.resetContext?.();
    return collectChat(fresh.chat(request));
  }

  it('continues a prompt it has cached: same answer as a fresh engine, cached tokens reported', async () => {
    await engine.resetContext?.();
    // One new token: the cache covers exactly the first prompt, and the next prompt extends it.
    const one = await collectChat(engine.chat(ask(first, 1)));
    const next = ask(continued(one.text), 40);
    const reused = await collectChat(engine.chat(next));
    const expected = await reference(next);
    expect(reused.text).toBe(expected.text);
    expect(reused.usage).toEqual({ ...expected.usage, cachedPromptTokens: one.usage?.promptTokens });
    expect(expected.usage?.cachedPromptTokens).toBeUndefined();
  });

  it('keeps the answer it wrote where the next prompt repeats it, and agrees over several steps', async () => {
    await engine.resetContext?.();
    const answer = await collectChat(engine.chat(ask(first, 10)));
    let messages = continued(answer.text);
    for (let step = 0; step < 3; step += 1) {
      const reused = await collectChat(engine.chat(ask(messages, 10)));
      const expected = await reference(ask(messages, 10));
      expect(reused.text).toBe(expected.text);
      // At least the previous prompt came from the cache; the new tool result did not.
      expect(reused.usage?.cachedPromptTokens).toBeGreaterThan(0);
      expect(reused.usage?.cachedPromptTokens).toBeLessThan(reused.usage?.promptTokens ?? 0);
      messages = [...messages, { role: 'assistant', content: reused.text }, { role: 'user', content: `Step ${step} result: ok.` }];
    }
  });

  it('serves the same prompt again from its cache (a retry) with the same answer', async () => {
    await engine.resetContext?.();
    const request = ask(first, 20);
    const once = await collectChat(engine.chat(request));
    const again = await collectChat(engine.chat(request));
    expect(again.text).toBe(once.text);
    expect(again.usage?.cachedPromptTokens).toBe((once.usage?.promptTokens ?? 0) - 1);
  });

  it('drops the cache for a prompt that does not continue it', async () => {
    await engine.resetContext?.();
    await collectChat(engine.chat(ask(first, 1)));
    const other = ask([first[0]!, { role: 'user', content: 'Tell me about the sea instead.' }], 30);
    const answer = await collectChat(engine.chat(other));
    expect(answer.usage?.cachedPromptTokens).toBeUndefined();
    expect(answer.text).toBe((await reference(other)).text);
  });

  it('drops the cache when a request is aborted', async () => {
    await engine.resetContext?.();
    const one = await collectChat(engine.chat(ask(first, 1)));
    const long = continued(one.text);
    const controller = new AbortController();
    // A long answer, stopped a moment after it starts (before or during decoding: both must drop).
    const timer = setTimeout(() => controller.abort(), 100);
    const aborted = collectChat(engine.chat(ask(long, 2000), controller.signal));
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    clearTimeout(timer);
    // This prompt continues both earlier ones: only a dropped cache leaves nothing to reuse.
    const after = await collectChat(engine.chat(ask([...long, { role: 'assistant', content: 'x' }, { role: 'user', content: 'again' }], 10)));
    expect(after.usage?.cachedPromptTokens).toBeUndefined();
  });

  it('forgets the cache on resetContext (conversation switch)', async () => {
    await engine.resetContext?.();
    const one = await collectChat(engine.chat(ask(first, 1)));
    await engine.resetContext?.();
    const next = await collectChat(engine.chat(ask(continued(one.text), 10)));
    expect(next.usage?.cachedPromptTokens).toBeUndefined();
  });

  it('releases the cache on unload: a reload starts with nothing cached', async () => {
    const own = createTransformersEngine(options);
    await own.load();
    const one = await collectChat(own.chat(ask(first, 1)));
    await own.unload();
    await own.load();
    const next = await collectChat(own.chat(ask(continued(one.text), 10)));
    await own.unload();
    expect(next.usage?.cachedPromptTokens).toBeUndefined();
  });
});
