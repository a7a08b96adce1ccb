/**
 * The stream accumulator, for callers that consume engines directly (eval, data, tests). There is
 * one accumulator, core's; this module keeps the llm layer's import path.
 */
export { collectChat, createChatAccumulator, type ChatAccumulator, type CollectedChat, type CollectedToolCall } from '../core/chat-accumulator';
