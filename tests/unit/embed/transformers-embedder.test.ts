/** The in-process transformers.js embedder on the tiny BERT fixture (onnxruntime-node CPU). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { LoadProgress } from '../../../src/core/types';
import { createTransformersEmbedder, withPrefix, type TransformersEmbedder } from '../../../src/embed';
import { GENERATED_MODELS_DIR } from '../../fixtures/make-tiny-llm';
import { makeTinyBert } from '../../fixtures/make-tiny-bert';
import { maxDifference, norm, tinyBertSpec } from './tiny-bert-spec';

const texts = ['The cat sat on the mat.', 'Dogs chase cats', 'search', 'A much longer passage about nothing in particular, padded out.', 'x'];

function embedderFor(batchSize: number, model = tinyBertSpec): TransformersEmbedder {
  return createTransformersEmbedder({ model, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR, batchSize });
}

describe('createTransformersEmbedder (Node, CPU)', () => {
  const embedder = embedderFor(2);
  const progress: LoadProgress[] = [];

  beforeAll(async () => {
    makeTinyBert();
    await embedder.load((event) => progress.push(event));
  });
  afterAll(() => embedder.unload());

  it('loads the fixture with progress that ends at 1', () => {
    expect(progress.at(-1)).toMatchObject({ progress: 1, text: 'Ready' });
    expect(progress.some((event) => (event.totalBytes ?? 0) > 10_000)).toBe(true);
    expect(embedder.device).toBe('wasm');
    expect(embedder.id).toBe('tiny-bert:fp32');
  });

  it('returns one unit-length vector of the model width per text', async () => {
    const vectors = await embedder.embed(texts, 'passage');
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector.length).toBe(tinyBertSpec.dimensions);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
    expect(maxDifference(vectors[0]!, vectors[1]!)).toBeGreaterThan(1e-3);
  });

  it('gives the same vectors in batches as one by one', async () => {
    const batched = await embedder.embed(texts, 'passage');
    const single = embedderFor(1);
    await single.load();
    try {
      const alone = await Promise.all(texts.map(async (text) => (await single.embed([text], 'passage'))[0]!));
      alone.forEach((vector, index) => expect(maxDifference(vector, batched[index]!)).toBeLessThan(1e-5));
    } finally {
      await single.unload();
    }
  });

  it('applies the prefix of each kind', async () => {
    const [query] = await embedder.embed(['the cat'], 'query');
    const [passage] = await embedder.embed(['the cat'], 'passage');
    expect(maxDifference(query!, passage!)).toBeGreaterThan(1e-3);
    // With prefixes removed, both kinds must equal the raw text typed with the prefix by hand.
    const bare = embedderFor(4, { ...tinyBertSpec, queryPrefix: '', passagePrefix: '' });
    await bare.load();
    try {
      const [manualQuery, manualPassage] = await bare.embed([withPrefix(tinyBertSpec, 'the cat', 'query'), 'passage: the cat'], 'query');
      expect(maxDifference(manualQuery!, query!)).toBeLessThan(1e-5);
      expect(maxDifference(manualPassage!, passage!)).toBeLessThan(1e-5);
    } finally {
      await bare.unload();
    }
  });

  it('stops between batches when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(embedder.embed(texts, 'query', controller.signal)).rejects.toMatchObject({ code: 'aborted' });
    const later = new AbortController();
    const running = embedder.embed([...texts, ...texts, ...texts], 'query', later.signal);
    later.abort();
    await expect(running).rejects.toMatchObject({ code: 'aborted' });
    expect(await embedder.embed(['still works'], 'query')).toHaveLength(1);
  });

  it('rejects a spec with the wrong width and a missing model with typed errors', async () => {
    const wrong = embedderFor(4, { ...tinyBertSpec, dimensions: 7 });
    await wrong.load();
    try {
      await expect(wrong.embed(['a'], 'query')).rejects.toMatchObject({ code: 'config' });
    } finally {
      await wrong.unload();
    }
    const missing = embedderFor(4, { ...tinyBertSpec, modelId: 'no-such-model' });
    const error: unknown = await missing.load().catch((caught: unknown) => caught);
    expect(TabagentError.is(error) && error.code).toBe('not-found');
  });

  it('falls back to WASM (CPU) when WebGPU is asked for but missing', async () => {
    const fallback = createTransformersEmbedder({ model: tinyBertSpec, device: 'webgpu', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR });
    await fallback.load();
    try {
      expect(fallback.device).toBe('wasm');
      expect((await fallback.embed(['hi'], 'query'))[0]).toHaveLength(tinyBertSpec.dimensions);
    } finally {
      await fallback.unload();
    }
  });

  it('refuses to embed before load', async () => {
    await expect(embedderFor(2).embed(['a'], 'query')).rejects.toMatchObject({ code: 'config' });
  });
});
