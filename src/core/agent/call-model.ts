import { toTabagentError, type TabagentError } from '../errors';
import type { ChatEngine, ChatRequest, FinishReason, Usage } from '../types';
import type { AgentEvent } from './events';

/** A native tool call as streamed: arguments still JSON text. */
export interface StreamedToolCall {
  id?: string;
  name: string;
  argumentsText: string;
}

/** What one model call produced; `error` set when the stream failed (partial output kept). */
export interface ModelTurn {
  text: string;
  toolCalls: StreamedToolCall[];
  usage?: Usage;
  finishReason: FinishReason;
  error?: TabagentError;
}

/**
 * Streams one answer, yielding `text-delta` events for what the person should see and returning
 * the whole turn. `visible` maps the raw text so far to display text (text formats hide call markup);
 * only growth of that display text is streamed, so markup never flashes on screen.
 */
export async function* callModel(
  engine: ChatEngine,
  request: ChatRequest,
  step: number,
  signal: AbortSignal,
  visible: (raw: string) => string,
): AsyncGenerator<AgentEvent, ModelTurn> {
  let text = '';
  let shown = '';
  const calls: StreamedToolCall[] = [];
  let usage: Usage | undefined;
  let finishReason: FinishReason = 'stop';
  try {
    for await (const chunk of engine.chat(request, signal)) {
      if (signal.aborted) break;
      switch (chunk.type) {
        case 'text-delta': {
          text += chunk.text;
          const display = visible(text);
          if (display.length > shown.length && display.startsWith(shown)) {
            yield { type: 'text-delta', step, text: display.slice(shown.length) };
            shown = display;
          }
          break;
        }
        case 'tool-call-delta': {
          const call = (calls[chunk.index] ??= { name: '', argumentsText: '' });
          if (chunk.id) call.id = chunk.id;
          if (chunk.name) call.name += chunk.name;
          call.argumentsText += chunk.argumentsDelta;
          break;
        }
        case 'usage':
          usage = chunk.usage;
          break;
        case 'finish':
          finishReason = chunk.reason;
          break;
      }
    }
  } catch (error) {
    return { text, toolCalls: compact(calls), usage, finishReason: 'other', error: toTabagentError(error) };
  }
  if (signal.aborted) {
    return { text, toolCalls: compact(calls), usage, finishReason: 'other', error: toTabagentError(abortReason()) };
  }
  return { text, toolCalls: compact(calls), usage, finishReason };
}

// Indexes may skip (a server that numbers from 1); holes are not calls.
function compact(calls: StreamedToolCall[]): StreamedToolCall[] {
  return calls.filter((call): call is StreamedToolCall => call !== undefined);
}

function abortReason(): DOMException {
  return new DOMException('Stopped.', 'AbortError');
}
