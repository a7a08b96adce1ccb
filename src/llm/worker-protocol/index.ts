/** Shared worker plumbing for local engines: a comlink host, its ChatEngine proxy, error transfer. */
export type { EngineFactories, EngineFactory, LlmWorkerApi, LoadedEngineInfo } from './api';
export { createWorkerEngine, type WorkerEngineOptions } from './client';
export { registerErrorTransfer, serializeThrown, deserializeThrown, type WireThrown } from './error-transfer';
export { createLlmWorkerHost, defineEngineKind, exposeLlmWorkerHost } from './host';
export { spawnLlmWorker } from './spawn';
