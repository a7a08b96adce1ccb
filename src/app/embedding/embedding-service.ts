import type { Accessor } from 'solid-js';
import type { LoadProgress } from '../../core/types';
import type { Embedder, EmbeddingModelSpec } from '../../embed';

/** Where the app's embedding model stands. */
export type EmbeddingStatus =
  | { state: 'off' }
  | { state: 'loading'; progress?: LoadProgress }
  | { state: 'ready' }
  | { state: 'error'; message: string };

/**
 * The app's one embedding model, shared by tool retrieval, memories and the knowledge base. It is
 * downloaded only after the person agreed (the download size is shown first); until then features
 * fall back to keyword (BM25) retrieval. Vectors are cached in IndexedDB by (model, text hash).
 */
export interface EmbeddingService {
  readonly model: EmbeddingModelSpec;
  /** Approximate download size in bytes, shown before asking. */
  readonly downloadBytes: number;
  status: Accessor<EmbeddingStatus>;
  /** The loaded embedder, or undefined when not loaded (never starts a download). */
  current(): Embedder | undefined;
  /**
   * Loads the model, downloading it on first use: call only after the person agreed (or when it is
   * known to be cached). Concurrent calls share one load.
   */
  load(signal?: AbortSignal): Promise<Embedder>;
}
