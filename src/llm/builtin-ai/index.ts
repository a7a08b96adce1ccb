/** The browser's own model (Chrome's Prompt API, `LanguageModel`) as a ChatEngine. */
export { createBuiltinAiEngine, BUILTIN_AI_ENGINE_ID, type BuiltinAiEngineOptions } from './engine';
export { builtinAiAvailability, type BuiltinAiState } from './availability';
export { findLanguageModel, type LanguageModelApi } from './prompt-api';
export { builtinAbsentError, builtinUnavailableError, type BuiltinAiErrorReason } from './errors';
