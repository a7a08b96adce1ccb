/** The ChatEngine seam; the types live in core so that core depends on nothing. */
export type {
  ChatEngine,
  ChatChunk,
  ChatMessage,
  ChatRequest,
  EngineCapabilities,
  FinishReason,
  LoadProgress,
  ToolChoice,
  ToolDefinition,
  Usage,
} from '../core/types';
