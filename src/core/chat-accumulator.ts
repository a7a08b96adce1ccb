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
  /** The model's thinking, kept apart from `text`; absent when none arrived. */
  reasoning?: string;
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
  const reasoningParts: string[] = [];
  const calls = new Map<number, { id?: string; name: string; argumentParts: string[] }>();
  let usage: Usage | undefined;
  let finishReason: FinishReason | undefined;

  return {
    add(chunk) {
      switch (chunk.type) {
        case 'text-delta':
          textParts.push(chunk.text);
          break;
        case 'reasoning-delta':
          reasoningParts.push(chunk.text);
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
      if (reasoningParts.length > 0) collected.reasoning = reasoningParts.join('');
      if (usage !== undefined) collected.usage = usage;
      if (finishReason !== undefined) collected.finishReason = finishReason;
      return collected;
    },
  };
}

/** A tool call of a whole answer: it always has an id (`call_<index>` when the server sent none). */
export type CollectedToolCall = AccumulatedToolCall & { id: string };

/** A whole answer, as `collectChat` returns it: ready to be sent back as history. */
export interface CollectedChat extends Omit<AccumulatedChat, 'toolCalls'> {
  /** Ordered by index. */
  toolCalls: CollectedToolCall[];
}

/**
 * Reads a whole answer; a call without an id gets `call_<index>`, so the answer can go back into
 * the history as it is. `onChunk` sees every chunk as it arrives (for live display); on an error
 * the partial answer is lost to this call, so callers that must keep it use `createChatAccumulator`.
 */
export async function collectChat(stream: AsyncIterable<ChatChunk>, onChunk?: (chunk: ChatChunk) => void): Promise<CollectedChat> {
  const accumulator = createChatAccumulator();
  for await (const chunk of stream) {
    accumulator.add(chunk);
    onChunk?.(chunk);
  }
  const { toolCalls, ...rest } = accumulator.result();
  return { ...rest, toolCalls: toolCalls.map((call) => ({ ...call, id: call.id ?? `call_${call.index}` })) };
}
