import type { AgentEvent } from '../../../src/core/agent/events';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import type { ChatMessage, ToolCall, Usage } from '../../../src/core/types';

/** Resolves after `ms`, or at once with `false` when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(false);
      },
      { once: true },
    );
  });
}

const noUsage: Usage = { promptTokens: 0, completionTokens: 0 };

/** A finished run's last event. */
export function finish(text: string, stopped = false): AgentEvent {
  return { type: 'finish', text, steps: 1, stopped, usage: noUsage };
}

/**
 * A stand-in for `runAgent` that streams `pieces` (one every `delayMs`) and obeys the abort
 * signal the way the real loop does: on stop it records the partial text and finishes `stopped`.
 * Every call's options are kept in `calls`.
 */
export function streamingRun(pieces: (options: RunAgentOptions) => string[], delayMs = 20) {
  const calls: RunAgentOptions[] = [];
  async function* run(options: RunAgentOptions): AsyncGenerator<AgentEvent> {
    calls.push(options);
    const signal = options.signal ?? new AbortController().signal;
    yield { type: 'step-start', step: 1 };
    let text = '';
    for (const piece of pieces(options)) {
      if (!(await pause(delayMs, signal))) {
        if (text) yield message({ role: 'assistant', content: text });
        yield finish(text, true);
        return;
      }
      text += piece;
      yield { type: 'text-delta', step: 1, text: piece };
    }
    yield { type: 'step-finish', step: 1, reason: 'stop', text };
    yield message({ role: 'assistant', content: text });
    yield finish(text);
  }
  return { run, calls };
}

/** A `message` event. */
export function message(value: ChatMessage): AgentEvent {
  return { type: 'message', message: value };
}

/** A tool call with fixed id. */
export function call(name: string, args: Record<string, unknown>, id = `call-${name}`): ToolCall {
  return { id, name, arguments: args };
}

/** The text of the last user message sent to a run. */
export function lastUserText(options: RunAgentOptions): string {
  const last = options.messages.findLast((entry) => entry.role === 'user');
  return last?.content ?? '';
}
