/** Options of the transformers.js embedder. Plain data, so they cross a worker boundary as they are. */
import type { TransformersEngineOptions } from '../llm/transformers/options';
import type { EmbeddingModelSpec } from './types';

/**
 * The model, and where and how transformers.js loads it: the same loading options as the chat
 * engine's (device, dtype, local path, remote host, cache), so both are configured alike. A
 * 'webgpu' device falls back to 'wasm' when the browser has no WebGPU adapter or the session fails.
 */
export type TransformersEmbedderOptions = Pick<
  TransformersEngineOptions,
  'device' | 'dtype' | 'localModelPath' | 'remoteHost' | 'remotePathTemplate' | 'allowRemote' | 'useBrowserCache'
> & {
  model: EmbeddingModelSpec;
  /** Texts per model run. Larger batches are faster until padding to the longest text dominates. */
  batchSize?: number;
};

export const DEFAULT_EMBED_BATCH_SIZE = 16;

/** The embedder id: the model plus an explicit weight format, since q8 and fp32 vectors differ. */
export function embedderId(options: Pick<TransformersEmbedderOptions, 'model' | 'dtype'>): string {
  return options.dtype === undefined ? options.model.modelId : `${options.model.modelId}:${options.dtype}`;
}
