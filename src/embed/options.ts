/** Options of the transformers.js embedder. Plain data, so they cross a worker boundary as they are. */
import type { TransformersDevice, TransformersDtype } from '../llm/transformers/options';
import type { EmbeddingModelSpec } from './types';

export interface TransformersEmbedderOptions {
  model: EmbeddingModelSpec;
  /** 'webgpu' falls back to 'wasm' when the browser has no WebGPU adapter or the session fails. */
  device: TransformersDevice;
  /** Defaults to transformers.js's choice for the device (q8 on wasm, fp32 on webgpu). */
  dtype?: TransformersDtype;
  /** URL prefix (browser) or folder (Node) holding `<modelId>/config.json` etc. */
  localModelPath?: string;
  /** Model host for remote loading; only used when `allowRemote` is true. */
  remoteHost?: string;
  /** Path of a model's files under `remoteHost` (see TransformersEngineOptions). */
  remotePathTemplate?: string;
  /** Download from `remoteHost` when the model is not found locally. Defaults to false. */
  allowRemote?: boolean;
  /** Keep downloaded files in the Cache API. Defaults to true. */
  useBrowserCache?: boolean;
  /** Texts per model run. Larger batches are faster until padding to the longest text dominates. */
  batchSize?: number;
}

export const DEFAULT_EMBED_BATCH_SIZE = 16;

/** The embedder id: the model plus an explicit weight format, since q8 and fp32 vectors differ. */
export function embedderId(options: Pick<TransformersEmbedderOptions, 'model' | 'dtype'>): string {
  return options.dtype === undefined ? options.model.modelId : `${options.model.modelId}:${options.dtype}`;
}
