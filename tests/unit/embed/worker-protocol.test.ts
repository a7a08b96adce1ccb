/** The embed worker protocol over a real MessageChannel with the real embedder on the tiny fixture. */
import { afterEach, describe, expect, it } from 'vitest';
import { expose, type Endpoint } from 'comlink';
import type { LoadProgress } from '../../../src/core/types';
import { createWorkerEmbedder, type TransformersEmbedderOptions } from '../../../src/embed';
import { createEmbedWorkerHost } from '../../../src/embed/worker-host';
import { registerErrorTransfer } from '../../../src/llm/worker-protocol';
import { GENERATED_MODELS_DIR } from '../../fixtures/make-tiny-llm';
import { makeTinyBert } from '../../fixtures/make-tiny-bert';
import { norm, tinyBertSpec } from './tiny-bert-spec';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function connect(options: TransformersEmbedderOptions): ReturnType<typeof createWorkerEmbedder> {
  registerErrorTransfer();
  const channel = new MessageChannel();
  channels.push(channel);
  expose(createEmbedWorkerHost(), channel.port1 as unknown as Endpoint);
  return createWorkerEmbedder(channel.port2 as unknown as Endpoint, options);
}

const options: TransformersEmbedderOptions = { model: tinyBertSpec, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR, batchSize: 2 };

describe('createWorkerEmbedder over a MessageChannel', () => {
  it('loads with progress and embeds unit vectors', async () => {
    makeTinyBert();
    const embedder = connect(options);
    const progress: LoadProgress[] = [];
    await embedder.load((event) => progress.push(event));
    expect(progress.at(-1)).toMatchObject({ progress: 1, text: 'Ready' });
    expect(embedder.device).toBe('wasm');
    const vectors = await embedder.embed(['one', 'two', 'three'], 'query');
    expect(vectors.map((vector) => vector.length)).toEqual([32, 32, 32]);
    for (const vector of vectors) expect(norm(vector)).toBeCloseTo(1, 5);
    await embedder.unload();
  });

  it('keeps error codes across the channel', async () => {
    const missing = connect({ ...options, model: { ...tinyBertSpec, modelId: 'no-such-model' } });
    await expect(missing.load()).rejects.toMatchObject({ code: 'not-found' });
    await expect(missing.embed(['a'], 'query')).rejects.toMatchObject({ code: 'config' });
  });

  it('aborts an embed and keeps working', async () => {
    const embedder = connect(options);
    await embedder.load();
    const controller = new AbortController();
    const running = embedder.embed(Array.from({ length: 40 }, (_, index) => `text ${index}`), 'passage', controller.signal);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'aborted' });
    expect(await embedder.embed(['after'], 'passage')).toHaveLength(1);
    await embedder.unload();
  });
});
