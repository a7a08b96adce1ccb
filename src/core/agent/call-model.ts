import { createChatAccumulator } from '../chat-accumulator';
import { toTabagentError, type TabagentError } from '../errors';
import type { ChatEngine, ChatRequest, FinishReason, Usage } from '../types';
import type { AgentEvent } from './events';
import type { VisibleStream } from './visible-stream';

/** A native tool call as streamed: arguments still JSON text. */
export interface StreamedToolCall {
  id?: string;
  name: string;
  argumentsText: string;
}

/** What one model call produced; `error` set when the stream failed (partial output kept). */
export interface ModelTurn {
  text: string;
  /** The step's thinking (reasoning deltas), absent when there was none. */
  reasoning?: string;
  toolCalls: StreamedToolCall[];
  usage?: Usage;
  finishReason: FinishReason;
  error?: TabagentError;
}

/**
 * Streams one answer, yielding `text-delta` events for what the person should see (and
 * `reasoning-delta` events for the model's thinking, passed on as they come) and returning
 * the whole turn. `visible` turns raw deltas into display text (text formats hide call markup), parsing
 * incrementally so per-delta work does not grow with the answer; only growth of the display text is
 * streamed, so markup never flashes on screen.
 */
export async function* callModel(
  engine: ChatEngine,
  request: ChatRequest,
  step: number,
  signal: AbortSignal,
  visible: VisibleStream,
): AsyncGenerator<AgentEvent, ModelTurn> {
  const accumulator = createChatAccumulator();
  // The accumulator keeps the text too; this copy avoids re-joining it on every delta.
  let text = '';
  const turn = (error?: TabagentError): ModelTurn => {
    const { toolCalls, usage, finishReason, reasoning } = accumulator.result();
    return {
      text,
      ...(reasoning === undefined ? {} : { reasoning }),
      toolCalls: toolCalls.map(({ id, name, arguments: argumentsText }) => ({ id, name, argumentsText })),
      usage,
      finishReason: error ? 'other' : (finishReason ?? 'stop'),
      error,
    };
  };
  try {
    for await (const chunk of engine.chat(request, signal)) {
      if (signal.aborted) break;
      accumulator.add(chunk);
      if (chunk.type === 'reasoning-delta') {
        if (chunk.text !== '') yield { type: 'reasoning-delta', step, text: chunk.text };
        continue;
      }
      if (chunk.type !== 'text-delta') continue;
      text += chunk.text;
      const shown = visible.push(chunk.text);
      if (shown !== '') yield { type: 'text-delta', step, text: shown };
    }
  } catch (error) {
    return turn(toTabagentError(error));
  }
  return signal.aborted ? turn(toTabagentError(abortReason())) : turn();
}

function abortReason(): DOMException {
  return new DOMException('Stopped.', 'AbortError');
}
