/** The embedding seam: turns texts into vectors for retrieval. Implemented in-process and by a worker proxy. */
import type { LoadProgress } from '../core/types';

/** What a text is for. Asymmetric models (E5, BGE) embed questions and documents differently. */
export type EmbeddingKind = 'query' | 'passage';

/** How token states become one vector: the attention-masked mean, or the first ([CLS]) token. */
export type EmbeddingPooling = 'mean' | 'cls';

/** One embedding model and the input/output conventions its model card requires. */
export interface EmbeddingModelSpec {
  /** Hub-style id ("Xenova/multilingual-e5-small") or a folder name under the local model path. */
  modelId: string;
  /** Short human-readable name for settings UIs. */
  label: string;
  /** Width of every vector. */
  dimensions: number;
  pooling: EmbeddingPooling;
  /** L2-normalize vectors (so a dot product is the cosine). */
  normalize: boolean;
  /** Prepended to every query text (may be empty). */
  queryPrefix: string;
  /** Prepended to every passage text (may be empty). */
  passagePrefix: string;
  /** Languages the model was trained for: 'multilingual' or an ISO code such as 'en'. */
  languages: string;
}

/** Turns texts into vectors. */
export interface Embedder {
  /** Identifies the model (and weight format) that made a vector: the vector cache keys on it. */
  readonly id: string;
  readonly dimensions: number;
  /** Loads the model. Throws TabagentError ('not-found', 'config', 'aborted', 'internal'). */
  load(onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void>;
  /**
   * One vector per text, in order, unit length when the model's spec normalizes (every catalog
   * model does). The kind's prefix is applied here, so callers pass the raw text. Throws
   * TabagentError ('aborted' when `signal` fires; 'config' when not loaded).
   */
  embed(texts: readonly string[], kind: EmbeddingKind, signal?: AbortSignal): Promise<Float32Array[]>;
  unload(): Promise<void>;
}
