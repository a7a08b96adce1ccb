/**
 * The web-llm engine (WebGPU) behind the ChatEngine seam, and its cache helpers. Imported by
 * workers/webllm.worker.ts only: the page reaches them through src/llm/worker-protocol.
 */
export { createWebLLMEngine, type WebLLMEngine, type WebLLMEngineOptions } from './engine';
export type { MLCEngineLike, WebLLMResponseFormat } from './mlc-engine-like';
export { toWebLLMError } from './errors';
export { toLoadProgress } from './progress';
export { fromWebLLMChunk, toWebLLMRequest } from './request';
export { webllmCache, type WebLLMCache } from './cache';
