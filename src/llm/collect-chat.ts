/** Assembles a streamed answer (text and tool calls split over many chunks) into whole parts. */
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

/**
 * Creates an accumulator. Tool-call deltas are joined by `index`; the first id and name win
 * (some servers repeat them); a call without an id gets `call_<index>`.
 */
export function createChatAccumulator(): ChatAccumulator {
  const textParts: string[] = [];
  const calls = new Map<number, { id?: string; name: string; argumentParts: string[] }>();
  let usage: Usage | undefined;
  let finishReason: FinishReason | undefined;

  return {
    add(chunk) {
      switch (chunk.type) {
        case 'text-delta':
          textParts.push(chunk.text);
          break;
        case 'tool-call-delta': {
          let call = calls.get(chunk.index);
          if (call === undefined) {
            call = { name: '', argumentParts: [] };
            calls.set(chunk.index, call);
          }
          if (call.id === undefined && chunk.id !== undefined) call.id = chunk.id;
          if (call.name === '' && chunk.name !== undefined) call.name = chunk.name;
          call.argumentParts.push(chunk.argumentsDelta);
          break;
        }
        case 'usage':
          usage = chunk.usage;
          break;
        case 'finish':
          finishReason = chunk.reason;
          break;
      }
    },
    result() {
      const toolCalls = [...calls.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, call]) => ({
          index,
          id: call.id ?? `call_${index}`,
          name: call.name,
          arguments: call.argumentParts.join(''),
        }));
      const collected: CollectedChat = { text: textParts.join(''), toolCalls };
      if (usage !== undefined) collected.usage = usage;
      if (finishReason !== undefined) collected.finishReason = finishReason;
      return collected;
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
