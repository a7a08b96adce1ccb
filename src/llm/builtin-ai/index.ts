/** The browser's own model (Chrome's Prompt API, `LanguageModel`) as a ChatEngine. */
export { createBuiltinAiEngine, type BuiltinAiEngineOptions } from './engine';
export { BUILTIN_AI_ENGINE_ID, builtinAiCapabilities } from './capabilities';
export { createLazyBuiltinAiEngine } from './lazy-engine';
export { builtinAiAvailability, type BuiltinAiState } from './availability';
export { findLanguageModel, type LanguageModelApi } from './prompt-api';
export { builtinAbsentError, builtinUnavailableError, type BuiltinAiErrorReason } from './errors';
