/** The contract between the embed worker (workers/embed.worker.ts) and its main-thread proxy. */
import type { LoadProgress } from '../core/types';
import type { TransformersDevice } from '../llm/transformers/options';
import type { TransformersEmbedderOptions } from './options';
import type { EmbeddingKind } from './types';

/** What the worker reports after a load. */
export interface LoadedEmbedderInfo {
  id: string;
  dimensions: number;
  /** The device actually in use (WebGPU may have fallen back to WASM). */
  device: TransformersDevice;
}

/**
 * Served by the worker through comlink. Abort signals cannot cross a worker boundary, so each call
 * carries a request id and `cancel(requestId)` fires that call's signal inside the worker.
 */
export interface EmbedWorkerApi {
  load(requestId: number, options: TransformersEmbedderOptions, onProgress?: (progress: LoadProgress) => void): Promise<LoadedEmbedderInfo>;
  /** Vectors come back transferred, not copied. */
  embed(requestId: number, texts: string[], kind: EmbeddingKind): Promise<Float32Array[]>;
  cancel(requestId: number): void;
  unload(): Promise<void>;
}
