/** The embedder in the production worker (workers/embed.worker.ts) on WASM and WebGPU (SwiftShader). */
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../src/core/types';
import { createWorkerEmbedder, spawnEmbedWorker, type EmbeddingModelSpec, type WorkerEmbedder } from '../../../src/embed';
import type { TransformersDevice } from '../../../src/llm/transformers';

/** Where Vite serves the generated fixture (the project root is served as-is in browser mode). */
const FIXTURE_MODELS_URL = '/tests/fixtures/generated/models/';

const tinyBert: EmbeddingModelSpec = {
  modelId: 'tiny-bert',
  label: 'Tiny BERT (test fixture)',
  dimensions: 32,
  pooling: 'mean',
  normalize: true,
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  languages: 'en',
};

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

/** SwiftShader runs WebGPU on the CPU, one dispatch at a time: far slower than WASM. */
const TIMEOUT_MS = 60_000;

describe.each<TransformersDevice>(['wasm', 'webgpu'])('embedder in a worker on %s', (device) => {
  const worker = spawnEmbedWorker();
  // No browser cache: every load really downloads, so progress carries byte counts.
  const embedder: WorkerEmbedder = createWorkerEmbedder(worker, {
    model: tinyBert,
    device,
    dtype: 'fp32',
    localModelPath: FIXTURE_MODELS_URL,
    useBrowserCache: false,
    batchSize: 4,
  });
  afterAll(async () => {
    await embedder.unload();
    worker.terminate();
  });

  it('loads the fixture with progress events, on the device asked for', { timeout: TIMEOUT_MS }, async () => {
    if (device === 'webgpu') {
      // The project's TypeScript setup has no WebGPU types; requestAdapter is all this needs.
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<object | null> } }).gpu;
      expect(gpu, 'navigator.gpu is missing').toBeDefined();
      // A missing adapter would silently test WASM twice: that is a failure, not a skip.
      expect(await gpu!.requestAdapter()).not.toBeNull();
    }
    const progress: LoadProgress[] = [];
    await embedder.load((event) => progress.push(event));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ progress: 1, text: 'Ready' });
    expect(progress.some((event) => (event.totalBytes ?? 0) > 10_000 && (event.loadedBytes ?? 0) > 0)).toBe(true);
    expect(embedder.device).toBe(device);
    expect(embedder.id).toBe('tiny-bert:fp32');
  });

  it('embeds unit vectors, batched equal to one by one', { timeout: TIMEOUT_MS }, async () => {
    const texts = ['The cat sat.', 'dogs', 'a longer passage about searching for things', 'x', 'fifth text'];
    const batched = await embedder.embed(texts, 'passage');
    expect(batched.map((vector) => vector.length)).toEqual(texts.map(() => 32));
    for (const vector of batched) expect(norm(vector)).toBeCloseTo(1, 4);
    const [alone] = await embedder.embed([texts[2]!], 'passage');
    const difference = alone!.reduce((max, value, index) => Math.max(max, Math.abs(value - batched[2]![index]!)), 0);
    expect(difference).toBeLessThan(1e-4);
    const [query] = await embedder.embed([texts[2]!], 'query');
    expect(query).not.toEqual(alone);
  });

  it('aborts a long embed and embeds again afterwards', { timeout: TIMEOUT_MS }, async () => {
    const controller = new AbortController();
    const running = embedder.embed(Array.from({ length: 400 }, (_, index) => `text number ${index}`), 'passage', controller.signal);
    setTimeout(() => controller.abort(), 5);
    await expect(running).rejects.toMatchObject({ code: 'aborted' });
    expect(await embedder.embed(['after the abort'], 'query')).toHaveLength(1);
  });
});
