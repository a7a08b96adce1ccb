/**
 * The key/value cache module on the real tiny model (onnxruntime-node CPU): what it feeds the
 * model, what a cut cache holds, and when it frees tensors.
 */
import { DynamicCache, Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunkQueue } from '../../../src/llm/transformers/chunk-queue';
import { generateInto, type LoadedModel } from '../../../src/llm/transformers/generation';
import { createKvCache, reusablePrefix } from '../../../src/llm/transformers/kv-cache';
import { cutCache } from '../../../src/llm/transformers/kv-cache-cut';
import { loadModel } from '../../../src/llm/transformers/load-model';
import type { ChatChunk, ChatRequest, Usage } from '../../../src/core/types';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

const ids = (...values: number[]): BigInt64Array => BigInt64Array.from(values.map(BigInt));

describe('reusablePrefix', () => {
  it('is the whole cache when the prompt extends it, else the shared start, never the whole prompt', () => {
    expect(reusablePrefix(ids(1, 2, 3), ids(1, 2, 3, 4, 5))).toBe(3);
    expect(reusablePrefix(ids(1, 2, 3), ids(1, 2, 9, 4))).toBe(2);
    // One token must be left to read: the same prompt again reuses all but its last token.
    expect(reusablePrefix(ids(1, 2, 3), ids(1, 2, 3))).toBe(2);
    expect(reusablePrefix(ids(1, 2, 3), ids(7, 2, 3, 4))).toBe(0);
  });
});

describe('cutCache', () => {
  const kv = (): Tensor => new Tensor('float32', Float32Array.from({ length: 2 * 4 * 3 }, (_, index) => index), [1, 2, 4, 3]);

  it('keeps the first positions of every head', () => {
    const cut = cutCache(new DynamicCache({ 'past_key_values.0.key': kv() }), 2);
    const tensor = cut?.['past_key_values.0.key'];
    expect(tensor?.dims).toEqual([1, 2, 2, 3]);
    // Head 0 rows 0-1 are values 0-5; head 1 starts at 12.
    expect(Array.from(tensor?.data as Float32Array)).toEqual([0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17]);
    expect(cut?.get_seq_length()).toBe(2);
  });

  it('refuses states that cannot be rewound and tensors it cannot read', () => {
    expect(cutCache(new DynamicCache({ 'past_key_values.0.key': kv(), 'past_conv.1': kv() }), 2)).toBeUndefined();
    const onGpu = Object.defineProperty(Object.create(kv()) as Tensor, 'location', { value: 'gpu-buffer' });
    expect(cutCache({ 'past_key_values.0.key': onGpu } as unknown as DynamicCache, 2)).toBeUndefined();
    expect(cutCache(new DynamicCache(), 2)).toBeUndefined();
  });
});

describe('createKvCache ownership', () => {
  /** A cache whose dispose() is counted. */
  function countedCache(length: number): { cache: DynamicCache; disposed: () => number } {
    const cache = new DynamicCache({ 'past_key_values.0.key': new Tensor('float32', new Float32Array(length), [1, 1, length, 1]) });
    let count = 0;
    cache.dispose = async () => {
      count += 1;
    };
    return { cache, disposed: () => count };
  }
  const output = (sequence: BigInt64Array, cache: DynamicCache): unknown => ({
    sequences: new Tensor('int64', sequence, [1, sequence.length]),
    past_key_values: cache,
  });
  const prompt = (...values: number[]): Tensor => new Tensor('int64', ids(...values), [1, values.length]);

  it('hands a continued prompt the cache, and frees one that is not continued', async () => {
    const kvCache = createKvCache();
    const first = countedCache(4);
    const reuse = await kvCache.begin(prompt(1, 2, 3));
    expect(reuse.generateOptions).toEqual({ return_dict_in_generate: true });
    await reuse.keep(output(ids(1, 2, 3, 4, 5), first.cache));
    expect(kvCache.heldTokens).toBe(4);
    const next = await kvCache.begin(prompt(1, 2, 3, 4, 5, 6));
    expect(next.cachedTokens).toBe(4);
    expect(next.generateOptions.past_key_values).toBe(first.cache);
    expect(kvCache.heldTokens).toBe(0);
    const second = countedCache(6);
    await next.keep(output(ids(1, 2, 3, 4, 5, 6, 7), second.cache));
    const other = await kvCache.begin(prompt(9, 9, 9, 9, 9, 9, 9, 9));
    expect(other.cachedTokens).toBe(0);
    expect(second.disposed()).toBe(1);
  });

  it('does not keep a cache that a clear() overtook, nor free a kept one on a late discard', async () => {
    const kvCache = createKvCache();
    const stale = countedCache(2);
    const reuse = await kvCache.begin(prompt(1, 2));
    await kvCache.clear();
    await reuse.keep(output(ids(1, 2, 3), stale.cache));
    expect(kvCache.heldTokens).toBe(0);
    expect(stale.disposed()).toBe(1);

    const kept = countedCache(2);
    const again = await kvCache.begin(prompt(1, 2));
    await again.keep(output(ids(1, 2, 3), kept.cache));
    await again.discard(output(ids(1, 2, 3), kept.cache));
    expect(kept.disposed()).toBe(0);
    expect(kvCache.heldTokens).toBe(2);
    await kvCache.clear();
    expect(kept.disposed()).toBe(1);
  });

  it('never keeps a cache whose length does not match the ids it would cover', async () => {
    const kvCache = createKvCache();
    const wrong = countedCache(3);
    const reuse = await kvCache.begin(prompt(1, 2));
    await reuse.keep(output(ids(1, 2, 3), wrong.cache));
    expect(kvCache.heldTokens).toBe(0);
    expect(wrong.disposed()).toBe(1);
  });
});

describe('generateInto with a cache (tiny model)', () => {
  let loaded: LoadedModel;
  /** Token counts of `input_ids` per forward call. */
  const fed: number[] = [];
  /** Lengths of `attention_mask` per forward call. */
  const masks: number[] = [];

  beforeAll(async () => {
    makeTinyLlm();
    loaded = await loadModel({ modelId: TINY_LLM_ID, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR });
    const forward = loaded.model.forward.bind(loaded.model);
    loaded.model.forward = async (inputs: Record<string, Tensor>) => {
      fed.push(inputs.input_ids?.dims[1] ?? -1);
      masks.push(inputs.attention_mask?.dims[1] ?? -1);
      return forward(inputs);
    };
  });
  afterAll(async () => {
    await loaded.model.dispose();
  });

  async function run(request: ChatRequest, kvCache?: ReturnType<typeof createKvCache>): Promise<{ text: string; usage?: Usage; fed: number[] }> {
    fed.length = 0;
    const queue = createChunkQueue<ChatChunk>();
    await generateInto(loaded, request, queue, new AbortController().signal, 16, kvCache);
    let text = '';
    let usage: Usage | undefined;
    for (let chunk = await queue.next(); chunk !== undefined; chunk = await queue.next()) {
      if (chunk.type === 'text-delta') text += chunk.text;
      if (chunk.type === 'usage') usage = chunk.usage;
    }
    return { text, ...(usage ? { usage } : {}), fed: [...fed] };
  }

  it('reads only the tokens past the cache, with the attention mask over the whole sequence', async () => {
    const kvCache = createKvCache();
    const messages: ChatRequest['messages'] = [{ role: 'user', content: 'Hello there' }];
    const first = await run({ messages, temperature: 0, maxTokens: 1 }, kvCache);
    const promptTokens = first.usage?.promptTokens ?? 0;
    expect(first.fed).toEqual([promptTokens]);
    expect(kvCache.heldTokens).toBe(promptTokens);

    const next: ChatRequest = { messages: [...messages, { role: 'assistant', content: first.text }, { role: 'user', content: 'abc' }], temperature: 0, maxTokens: 8 };
    masks.length = 0;
    const reused = await run(next, kvCache);
    const total = reused.usage?.promptTokens ?? 0;
    expect(reused.usage?.cachedPromptTokens).toBe(promptTokens);
    // First step: the new tokens only; then one token per step, as without a cache.
    expect(reused.fed).toEqual([total - promptTokens, ...Array<number>(7).fill(1)]);
    expect(masks[0]).toBe(total);
    const fresh = await run(next);
    expect(fresh.fed[0]).toBe(total);
    expect(reused.text).toBe(fresh.text);
  });

  it('a cut cache holds what reading the shorter prefix alone gives', async () => {
    const kvCache = createKvCache();
    const long = await run({ messages: [{ role: 'user', content: 'The quick brown fox jumps over the lazy dog' }], temperature: 0, maxTokens: 12 }, kvCache);
    expect(long.usage?.completionTokens).toBe(12);
    const reuse = await kvCache.begin(new Tensor('int64', ids(1), [1, 1]));
    // Not continued: nothing handed over (the cache was freed).
    expect(reuse.cachedTokens).toBe(0);

    // Compare a cut cache with the cache of a forward pass over the prefix alone.
    const sequence = BigInt64Array.from({ length: 20 }, (_, index) => BigInt(40 + index));
    const present = async (length: number): Promise<DynamicCache> => {
      const output = (await loaded.model.generate({
        input_ids: new Tensor('int64', sequence.slice(0, length), [1, length]),
        attention_mask: new Tensor('int64', new BigInt64Array(length).fill(1n), [1, length]),
        max_new_tokens: 1,
        do_sample: false,
        return_dict_in_generate: true,
      })) as { past_key_values: DynamicCache };
      return output.past_key_values;
    };
    const whole = await present(20);
    const short = await present(12);
    const cut = cutCache(whole, 12);
    expect(cut).toBeDefined();
    for (const name of Object.keys(short)) {
      const expected = Array.from(short[name]!.data as Float32Array);
      const actual = Array.from(cut![name]!.data as Float32Array);
      expect(actual.length).toBe(expected.length);
      const worst = Math.max(...actual.map((value, index) => Math.abs(value - (expected[index] ?? Number.NaN))));
      expect(worst).toBeLessThan(1e-4);
    }
  });
});
