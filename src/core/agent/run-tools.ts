import type { ChatMessage, ToolCall } from '../types';
import type { ApproveCall, ToolResult, ToolRunner } from '../tool-runner';
import type { AgentEvent } from './events';

/** Outcome of one step's tool calls: the tool messages to append, in call order. */
export interface ToolStepOutcome {
  messages: Extract<ChatMessage, { role: 'tool' }>[];
  /** Calls that could not run as written (sent back to the model for correction). */
  invalidCount: number;
}

/**
 * Validates and runs one step's calls. Calls run concurrently when none has side effects;
 * otherwise one at a time, each approved by the person first. Every call gets exactly one tool
 * message, whatever happens, so the transcript never holds a call without its result.
 */
export async function* runTools(
  calls: readonly ToolCall[],
  runner: ToolRunner,
  step: number,
  signal: AbortSignal,
  approve: ApproveCall | undefined,
  unreadable: ReadonlyMap<string, string> = new Map(),
): AsyncGenerator<AgentEvent, ToolStepOutcome> {
  const results = new Map<string, ToolResult>();
  const valid: ToolCall[] = [];
  let invalidCount = 0;

  for (const call of calls) {
    const reason = unreadable.get(call.id);
    const outcome = reason === undefined ? runner.validate(call.name, call.arguments) : { ok: false as const, message: reason };
    if (outcome.ok) {
      valid.push(call);
      yield { type: 'tool-call', step, call };
      continue;
    }
    invalidCount += 1;
    yield { type: 'tool-call-invalid', step, call, message: outcome.message };
    results.set(call.id, { content: JSON.stringify({ error: outcome.message }), isError: true, durationMs: 0 });
  }

  const needsApproval = valid.some((call) => runner.requiresApproval(call.name));
  if (needsApproval) {
    for (const call of valid) {
      if (runner.requiresApproval(call.name)) yield { type: 'approval-requested', step, call };
      const result = await runner.execute(call, { signal, approve });
      results.set(call.id, result);
      yield { type: 'tool-result', step, call, result };
    }
  } else {
    yield* runConcurrently(valid, runner, step, signal, results);
  }

  const messages = calls.map((call) => {
    const result = results.get(call.id);
    return { role: 'tool' as const, toolCallId: call.id, name: call.name, content: result ? result.content : '{"error":"Not run."}' };
  });
  return { messages, invalidCount };
}

/** Starts every call at once and reports each result as soon as it arrives. */
async function* runConcurrently(
  calls: readonly ToolCall[],
  runner: ToolRunner,
  step: number,
  signal: AbortSignal,
  results: Map<string, ToolResult>,
): AsyncGenerator<AgentEvent, void> {
  const pending = new Map(
    calls.map((call) => [call.id, runner.execute(call, { signal }).then((result) => ({ call, result }))] as const),
  );
  while (pending.size > 0) {
    const { call, result } = await Promise.race(pending.values());
    pending.delete(call.id);
    results.set(call.id, result);
    yield { type: 'tool-result', step, call, result };
  }
}
