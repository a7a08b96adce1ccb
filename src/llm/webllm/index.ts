/** The web-llm engine (WebGPU, in a worker) behind the ChatEngine seam, and its cache helpers. */
export { createWebLLMEngine, type WebLLMEngine, type WebLLMEngineOptions } from './engine';
export type { MLCEngineLike, WebLLMResponseFormat } from './mlc-engine-like';
export { toWebLLMError } from './errors';
export { toLoadProgress } from './progress';
export { fromWebLLMChunk, toWebLLMRequest } from './request';
export { webllmCache, type WebLLMCache } from './cache';
