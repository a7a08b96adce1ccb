/** Assembles a streamed answer (text and tool calls split over many chunks) into whole parts. */
import { createChatAccumulator as createCoreAccumulator } from '../core/chat-accumulator';
import type { ChatChunk, FinishReason, Usage } from '../core/types';

/** One tool call with its arguments still as JSON text: parsing and repair belong to core. */
export interface CollectedToolCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

export interface CollectedChat {
  text: string;
  /** Ordered by index. */
  toolCalls: CollectedToolCall[];
  usage?: Usage;
  finishReason?: FinishReason;
}

/** Accumulates chunks as they stream; read `result()` at any time, also after an error (partial answer). */
export interface ChatAccumulator {
  add(chunk: ChatChunk): void;
  result(): CollectedChat;
}

/** Creates an accumulator (core's, see there); a call without an id gets `call_<index>`. */
export function createChatAccumulator(): ChatAccumulator {
  const inner = createCoreAccumulator();
  return {
    add: (chunk) => inner.add(chunk),
    result() {
      const { toolCalls, ...rest } = inner.result();
      return { ...rest, toolCalls: toolCalls.map((call) => ({ ...call, id: call.id ?? `call_${call.index}` })) };
    },
  };
}

/**
 * Reads a whole answer. `onChunk` sees every chunk as it arrives (for live display); on an error
 * the partial answer is lost to this call, so callers that must keep it use `createChatAccumulator`.
 */
export async function collectChat(
  stream: AsyncIterable<ChatChunk>,
  onChunk?: (chunk: ChatChunk) => void,
): Promise<CollectedChat> {
  const accumulator = createChatAccumulator();
  for await (const chunk of stream) {
    accumulator.add(chunk);
    onChunk?.(chunk);
  }
  return accumulator.result();
}
