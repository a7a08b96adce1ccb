/** Shared worker plumbing for local engines: a comlink host, its ChatEngine proxy, error transfer. */
export type { EngineFactories, EngineFactory, LlmWorkerApi, LoadedEngineInfo, ModelCacheOps, ModelCaches } from './api';
export { createWorkerModelCache, type WorkerModelCacheOptions } from './cache-client';
export { createWorkerEngine, type WorkerEngineOptions } from './client';
export { registerErrorTransfer, serializeThrown, deserializeThrown, type WireThrown } from './error-transfer';
export { createLlmWorkerHost, defineEngineKind, exposeLlmWorkerHost } from './host';
export { spawnLlmWorker, spawnWebLLMWorker } from './spawn';
