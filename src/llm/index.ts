/** Engines behind the ChatEngine seam, and helpers for consuming their streams. */
export * from './chat-engine';
export {
  createOpenAICompatibleEngine,
  createLazyOpenAICompatibleEngine,
  providerPresets,
  resolveEndpoints,
  MAX_RETRY_WAIT_MS,
  type OpenAICompatibleOptions,
  type FetchLike,
  type Sleep,
  type ProviderPreset,
  type ServerEndpoints,
} from './openai-compatible';
export {
  collectChat,
  createChatAccumulator,
  type ChatAccumulator,
  type CollectedChat,
  type CollectedToolCall,
} from './collect-chat';
