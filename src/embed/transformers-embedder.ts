/**
 * The in-process embedder: transformers.js's feature-extraction pipeline with the catalog entry's
 * pooling, normalization and prefixes, run in batches so that abort is honoured between batches.
 */
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { abortedError, TabagentError } from '../core/errors';
import type { LoadProgress } from '../core/types';
import type { TransformersDevice } from '../llm/transformers/options';
import { createProgressTracker, type ProgressTracker } from '../llm/transformers/progress';
import { configureTransformersRuntime, usesOnnxRuntimeWeb } from '../llm/transformers/runtime';
import { yieldToEventLoop } from '../llm/transformers/yield-to-event-loop';
import { withPrefix } from './catalog';
import { resolveEmbedDevice } from './device';
import { throwIfAborted } from '../core/abort';
import { toEmbedLoadError } from './errors';
import { DEFAULT_EMBED_BATCH_SIZE, embedderId, type TransformersEmbedderOptions } from './options';
import type { Embedder, EmbeddingKind } from './types';

/** An Embedder that also says where it runs once loaded. */
export interface TransformersEmbedder extends Embedder {
  /** The device in use after load (differs from the requested one after a WebGPU fallback). */
  readonly device: TransformersDevice | undefined;
}

/** Creates the embedder; nothing is downloaded until `load`. */
export function createTransformersEmbedder(options: TransformersEmbedderOptions): TransformersEmbedder {
  const { model } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_EMBED_BATCH_SIZE));
  let extractor: FeatureExtractionPipeline | undefined;
  let device: TransformersDevice | undefined;

  async function open(on: TransformersDevice, tracker: ProgressTracker): Promise<FeatureExtractionPipeline> {
    return pipeline('feature-extraction', model.modelId, {
      // onnxruntime-node has no 'wasm' provider; its CPU provider is the same kernels natively.
      device: on === 'wasm' && !usesOnnxRuntimeWeb() ? 'cpu' : on,
      ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
      progress_callback: tracker.callback,
    });
  }

  async function load(onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    if (extractor !== undefined) return;
    const { batchSize: _batchSize, model: _model, ...runtime } = options;
    configureTransformersRuntime({ ...runtime, modelId: model.modelId });
    const tracker = createProgressTracker(onProgress);
    tracker.phase('Starting', 0);
    let target = await resolveEmbedDevice(options.device);
    let loaded: FeatureExtractionPipeline;
    try {
      try {
        loaded = await open(target, tracker);
      } catch (error) {
        // An adapter can exist and still fail to create a session (old drivers, lost device):
        // WASM is slower but always works, so fall back rather than leave search without vectors.
        if (target !== 'webgpu') throw error;
        target = 'wasm';
        tracker.phase('WebGPU failed; using WebAssembly');
        loaded = await open(target, tracker);
      }
    } catch (error) {
      throw toEmbedLoadError(error, { modelId: model.modelId, device: target, dtype: options.dtype ?? 'default', ...(options.remoteHost ? { remoteHost: options.remoteHost } : {}) });
    }
    if (signal?.aborted) {
      await loaded.dispose();
      throw abortedError();
    }
    extractor = loaded;
    device = target;
    tracker.phase('Ready', 1);
  }

  async function embed(texts: readonly string[], kind: EmbeddingKind, signal?: AbortSignal): Promise<Float32Array[]> {
    throwIfAborted(signal);
    if (extractor === undefined) throw new TabagentError('config', 'The embedding model is not loaded yet.', { data: { modelId: model.modelId } });
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize).map((text) => withPrefix(model, text, kind));
      const output = await extractor(batch, { pooling: model.pooling, normalize: model.normalize });
      try {
        const data = output.data as Float32Array;
        const width = data.length / batch.length;
        // A spec with the wrong width would corrupt every index built on it; fail loudly instead.
        if (width !== model.dimensions) {
          throw new TabagentError('config', `The embedding model "${model.modelId}" makes ${width}-d vectors, not ${model.dimensions}-d.`, {
            data: { modelId: model.modelId, expected: model.dimensions, actual: width },
          });
        }
        // slice() copies, so each vector owns its buffer and can be transferred on its own.
        for (let row = 0; row < batch.length; row += 1) vectors.push(data.slice(row * width, (row + 1) * width));
      } finally {
        output.dispose();
      }
      // A macrotask between batches lets an abort (a message, in a worker) arrive before the next one.
      await yieldToEventLoop();
      throwIfAborted(signal);
    }
    return vectors;
  }

  return {
    id: embedderId(options),
    dimensions: model.dimensions,
    get device() {
      return device;
    },
    load,
    embed,
    async unload() {
      const current = extractor;
      extractor = undefined;
      device = undefined;
      await current?.dispose();
    },
  };
}
