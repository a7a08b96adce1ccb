/** Assembles a streamed answer (text and tool calls split over many chunks) into whole parts. */
import type { ChatChunk, FinishReason, Usage } from './types';

/** One streamed tool call with its arguments still as JSON text: parsing and repair come later. */
export interface AccumulatedToolCall {
  index: number;
  /** Absent when the server sent none. */
  id?: string;
  name: string;
  arguments: string;
}

export interface AccumulatedChat {
  text: string;
  /** Ordered by index. */
  toolCalls: AccumulatedToolCall[];
  usage?: Usage;
  finishReason?: FinishReason;
}

/** Accumulates chunks as they stream; read `result()` at any time, also after an error (partial answer). */
export interface ChatAccumulator {
  add(chunk: ChatChunk): void;
  result(): AccumulatedChat;
}

/**
 * Creates an accumulator. Tool-call deltas are joined by `index` (indexes may skip: holes are not
 * calls); the first id and name win, because some servers repeat them on every delta.
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
        .map(([index, call]) => {
          const assembled: AccumulatedToolCall = { index, name: call.name, arguments: call.argumentParts.join('') };
          if (call.id !== undefined) assembled.id = call.id;
          return assembled;
        });
      const collected: AccumulatedChat = { text: textParts.join(''), toolCalls };
      if (usage !== undefined) collected.usage = usage;
      if (finishReason !== undefined) collected.finishReason = finishReason;
      return collected;
    },
  };
}
