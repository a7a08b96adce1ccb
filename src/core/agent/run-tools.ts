import type { ChatMessage, ToolCall } from '../types';
import type { ApproveCall, ExecuteOptions, ToolResult, ToolRunner } from '../tool-runner';
import type { AgentEvent } from './events';
import { afterToolResult, CLEAN, confirmationReasons, traitsOf, type Taint } from './taint';

/** Outcome of one step's tool calls: the tool messages to append, in call order. */
export interface ToolStepOutcome {
  messages: Extract<ChatMessage, { role: 'tool' }>[];
  /** Calls that could not run as written (sent back to the model for correction). */
  invalidCount: number;
  /** The taint once this step's results are in the context. */
  taint: Taint;
}

/**
 * Validates and runs one step's calls. Calls run concurrently when none needs confirmation;
 * otherwise one at a time, each confirmed by the person first where the tool has side effects or
 * (once `taint` says the context holds outside text) can send data away. Every call gets exactly
 * one tool message, whatever happens, so the transcript never holds a call without its result.
 */
export async function* runTools(
  calls: readonly ToolCall[],
  runner: ToolRunner,
  step: number,
  signal: AbortSignal,
  approve: ApproveCall | undefined,
  unreadable: ReadonlyMap<string, string> = new Map(),
  taint: Taint = CLEAN,
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

  const reasonsOf = (call: ToolCall) => confirmationReasons(traitsOf(runner, call.name), taint);
  const needsApproval = valid.some((call) => runner.requiresApproval(call.name) || reasonsOf(call).length > 0);
  if (needsApproval) {
    for (const call of valid) {
      const reasons = reasonsOf(call);
      if (runner.requiresApproval(call.name) || reasons.length > 0) yield { type: 'approval-requested', step, call };
      const options: ExecuteOptions = { signal, approve };
      if (reasons.includes('untrusted-context')) options.confirm = { reason: 'untrusted-context', sources: [...taint.sources] };
      const result = await runner.execute(call, options);
      results.set(call.id, result);
      yield { type: 'tool-result', step, call, result };
    }
  } else {
    yield* runConcurrently(valid, runner, step, signal, results);
  }
  // Every result of a tool that reads outside data (anything but pure computations) now sits in
  // the context, errors included: a server's error text can carry an injection as well.
  let next = taint;
  for (const call of valid) next = afterToolResult(next, call.name, traitsOf(runner, call.name));

  const messages = calls.map((call) => {
    const result = results.get(call.id);
    return { role: 'tool' as const, toolCallId: call.id, name: call.name, content: result ? result.content : '{"error":"Not run."}' };
  });
  return { messages, invalidCount, taint: next };
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
