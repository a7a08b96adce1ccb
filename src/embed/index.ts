/** Text embeddings for retrieval: the Embedder seam, the model catalog, in-process and worker embedders, and a cache. */
export type { Embedder, EmbeddingKind, EmbeddingModelSpec, EmbeddingPooling } from './types';
export { BGE_SMALL_EN, DEFAULT_EMBEDDING_MODEL, EMBEDDING_MODELS, findEmbeddingModel, MULTILINGUAL_E5_SMALL, withPrefix } from './catalog';
export { DEFAULT_EMBED_BATCH_SIZE, embedderId, type TransformersEmbedderOptions } from './options';
export { createTransformersEmbedder, type TransformersEmbedder } from './transformers-embedder';
export { createCachedEmbedder, databaseVectorCache, embeddingTextHash, type EmbeddingVectorCache } from './cached-embedder';
export { createWorkerEmbedder, spawnEmbedWorker, type WorkerEmbedder } from './worker-client';
export type { EmbedWorkerApi, LoadedEmbedderInfo } from './worker-api';
export { hasWebGpuAdapter, resolveEmbedDevice } from './device';
