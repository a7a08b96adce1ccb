import { createSignal } from 'solid-js';
import { toTabagentError } from '../../core/errors';
import type { LoadProgress } from '../../core/types';
// Module by module, not the src/embed index: that one also exports the in-process embedder, which
// would pull transformers.js into the app's main bundle.
import type { EmbeddingVectorCache } from '../../embed/cached-embedder';
import { DEFAULT_EMBEDDING_MODEL } from '../../embed/catalog';
import type { TransformersEmbedderOptions } from '../../embed/options';
import type { Embedder, EmbeddingModelSpec } from '../../embed/types';
import { grantDuring, MODEL_HUB_ORIGINS, type Granter } from '../../net/hub-origins';
import { getVectors, openTabagentDb, putVectors, type TabagentDb } from '../../store';
import type { EmbeddingService, EmbeddingStatus } from './embedding-service';

/**
 * Approximate download of the default model as the app loads it (q8 ONNX): the weights
 * (`onnx/model_quantized.onnx`, ≈118 MB: 118 M parameters at one byte each, most of them the
 * 250k-token multilingual vocabulary) plus `tokenizer.json` (≈17 MB) and two small JSON files.
 */
export const DEFAULT_EMBEDDING_DOWNLOAD_BYTES = 135 * 1024 * 1024;

/** The hub the default model is downloaded from (after consent). */
const HUB_HOST = 'https://huggingface.co/';

export interface EmbeddingServiceOptions {
  /** Default: multilingual-e5-small. */
  model?: EmbeddingModelSpec;
  /** Shown before asking. Default: the default model's q8 download. */
  downloadBytes?: number;
  /**
   * Where the model's files come from and how it runs. Default: the hub, WebGPU (falling back to
   * WASM inside the embedder), q8 weights on either device so that the size shown is the size
   * downloaded, kept in the browser's Cache API.
   */
  embedder?: Partial<Omit<TransformersEmbedderOptions, 'model'>>;
  /** The vector cache's database. Default: Tabagent's own. */
  openDb?: () => Promise<TabagentDb>;
  /** Starts the embed worker. Default: workers/embed.worker.ts. */
  spawnWorker?: () => Worker;
  /** The network door's policy: the model hub is granted only while a load runs. */
  granter?: Granter;
}

/** A vector cache over a database opened on first use (the service exists before the app's database is open). */
function lazyDatabaseCache(openDb: () => Promise<TabagentDb>): EmbeddingVectorCache {
  let opening: Promise<TabagentDb> | undefined;
  const db = (): Promise<TabagentDb> => {
    opening ??= openDb();
    // A failed open is retried on the next use.
    opening.catch(() => (opening = undefined));
    return opening;
  };
  return {
    getVectors: async (modelId, hashes) => getVectors(await db(), modelId, hashes),
    putVectors: async (modelId, vectors) => putVectors(await db(), modelId, vectors),
  };
}

/**
 * The app's embedding service: the embedder in its worker (off the UI thread), wrapped by the
 * IndexedDB vector cache so nothing is embedded twice. Nothing is downloaded until `load()`, which
 * the UI calls only once the person agreed (see `EmbeddingConsent`). A failed or aborted load
 * leaves the service 'error' or 'off' and can be retried; concurrent loads share one.
 */
export function createEmbeddingService(options: EmbeddingServiceOptions = {}): EmbeddingService {
  const model = options.model ?? DEFAULT_EMBEDDING_MODEL;
  const [status, setStatus] = createSignal<EmbeddingStatus>({ state: 'off' });
  const cache = lazyDatabaseCache(options.openDb ?? (() => openTabagentDb()));
  const embedderOptions: TransformersEmbedderOptions = {
    device: 'webgpu',
    dtype: 'q8',
    allowRemote: true,
    remoteHost: HUB_HOST,
    ...options.embedder,
    model,
  };
  let worker: Worker | undefined;
  let loaded: Embedder | undefined;
  let loading: Promise<Embedder> | undefined;

  async function start(signal: AbortSignal | undefined): Promise<Embedder> {
    // The worker client and the vector cache load with the first use, not with the first screen.
    const [{ createWorkerEmbedder, spawnEmbedWorker }, { createCachedEmbedder }] = await Promise.all([
      import('../../embed/worker-client'),
      import('../../embed/cached-embedder'),
    ]);
    worker ??= (options.spawnWorker ?? spawnEmbedWorker)();
    const inner = createWorkerEmbedder(worker, embedderOptions);
    setStatus({ state: 'loading' });
    try {
      await grantDuring(options.granter, MODEL_HUB_ORIGINS, `model download: ${model.modelId}`, () =>
        inner.load((progress: LoadProgress) => setStatus({ state: 'loading', progress }), signal),
      );
    } catch (error) {
      const failure = toTabagentError(error);
      setStatus(failure.code === 'aborted' ? { state: 'off' } : { state: 'error', message: failure.message });
      throw failure;
    }
    loaded = createCachedEmbedder(inner, cache);
    setStatus({ state: 'ready' });
    return loaded;
  }

  return {
    model,
    downloadBytes: options.downloadBytes ?? DEFAULT_EMBEDDING_DOWNLOAD_BYTES,
    status,
    current: () => loaded,
    load(signal) {
      if (loaded) return Promise.resolve(loaded);
      if (!loading) {
        const attempt = start(signal);
        loading = attempt;
        attempt.catch(() => undefined).finally(() => {
          if (loading === attempt) loading = undefined;
        });
      }
      return loading;
    },
  };
}
