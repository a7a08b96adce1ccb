/** The openai-compatible engine and what the settings UI needs to configure it. */
export { createOpenAICompatibleEngine } from './engine';
export { createLazyOpenAICompatibleEngine } from './lazy-engine';
export type { OpenAICompatibleOptions, FetchLike, Sleep } from './options';
export { providerPresets, type ProviderPreset } from './provider-presets';
export { resolveEndpoints, type ServerEndpoints } from './base-url';
export { MAX_RETRY_WAIT_MS } from './retry-delay';
