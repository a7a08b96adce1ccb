import type { AgentApprovalPolicy } from '../agent-definition';
import type { ChatEngine, ChatMessage, ToolCall } from '../types';
import type { ApprovalDetails, ApproveCall, NestedRun, PreparedCall, RunPreparedOptions, ToolResult, ToolRunner } from '../tool-runner';
import type { AgentEvent } from './events';
import { approvalReasons, askApproval, prepareCall, refusedResult, runPrepared } from './approval';
import { afterNestedRun, afterToolResult, CLEAN, traitsOf, type Taint } from './taint';

/** Outcome of one step's tool calls: the tool messages to append, in call order. */
export interface ToolStepOutcome {
  messages: Extract<ChatMessage, { role: 'tool' }>[];
  /** Calls that could not run as written (sent back to the model for correction). */
  invalidCount: number;
  /** The taint once this step's results are in the context. */
  taint: Taint;
  /** Model steps the step's nested agent runs used (agents called as tools). */
  nestedSteps: number;
}

/**
 * Events of nested runs waiting to be yielded: tools report them from their own promise chains,
 * the generator below yields them in order while it waits for the tools.
 */
class ProgressQueue {
  #events: AgentEvent[] = [];
  #wake: (() => void) | undefined;

  push(event: AgentEvent): void {
    this.#events.push(event);
    this.#wake?.();
  }

  /** Resolves once an event is waiting. */
  waiting(): Promise<void> {
    if (this.#events.length > 0) return Promise.resolve();
    return new Promise((resolve) => (this.#wake = resolve));
  }

  drain(): AgentEvent[] {
    const events = this.#events;
    this.#events = [];
    this.#wake = undefined;
    return events;
  }
}

/** Yields the queue's events until `running` settles (and those it left), then returns its value. */
async function* forwardUntil<T>(running: Promise<T>, queue: ProgressQueue): AsyncGenerator<AgentEvent, T> {
  const settled = running.then((value) => ({ value }));
  for (;;) {
    const done = await Promise.race([settled, queue.waiting().then(() => undefined)]);
    yield* queue.drain();
    if (done) return done.value;
  }
}

/**
 * Checks (once) and runs one step's calls. Calls run concurrently when none needs confirmation;
 * otherwise one at a time, each confirmed by the person first where the tool has side effects or
 * (once `taint` says the context holds outside text) can send data away: the loop asks, reports
 * `approval-requested` and `approval-resolved`, and the runner runs exactly the frozen call that
 * was shown. Every call gets exactly one tool message, whatever happens, so the transcript never
 * holds a call without its result.
 */
export async function* runTools(
  calls: readonly ToolCall[],
  runner: ToolRunner,
  step: number,
  signal: AbortSignal,
  approve: ApproveCall | undefined,
  unreadable: ReadonlyMap<string, string> = new Map(),
  taint: Taint = CLEAN,
  stepsLeft = Number.POSITIVE_INFINITY,
  policy: AgentApprovalPolicy = 'side-effects',
  engine?: ChatEngine,
): AsyncGenerator<AgentEvent, ToolStepOutcome> {
  const results = new Map<string, ToolResult>();
  const queue = new ProgressQueue();
  // A tool that runs an agent reports its events here; they are shown inside this call's card.
  const nestedFor = (call: ToolCall): NestedRun => ({
    report: (event) => queue.push({ type: 'tool-progress', step, call, event }),
    stepsLeft,
    untrustedSources: taint.sources,
    ...(approve ? { approve } : {}),
  });
  // Progress reports travel the same queue, so they are yielded while the call is still running.
  const run = (prepared: PreparedCall, options: RunPreparedOptions): Promise<ToolResult> =>
    runPrepared(runner, prepared, {
      ...options,
      nested: nestedFor(prepared.call),
      progress: (progress) => queue.push({ type: 'tool-call-progress', step, call: prepared.call, progress: { ...progress } }),
      ...(engine ? { engine } : {}),
    });
  const valid: PreparedCall[] = [];
  let invalidCount = 0;

  for (const call of calls) {
    const reason = unreadable.get(call.id);
    const outcome = reason === undefined ? prepareCall(runner, call) : { ok: false as const, message: reason };
    if (outcome.ok) {
      valid.push(outcome.prepared);
      yield { type: 'tool-call', step, call: outcome.prepared.call };
      continue;
    }
    invalidCount += 1;
    yield { type: 'tool-call-invalid', step, call, message: outcome.message };
    results.set(call.id, { content: JSON.stringify({ error: outcome.message }), isError: true, durationMs: 0 });
  }

  const reasonsOf = new Map(valid.map((prepared) => [prepared, approvalReasons(runner, prepared.call.name, taint, policy)]));
  if (valid.some((prepared) => (reasonsOf.get(prepared) ?? []).length > 0)) {
    for (const prepared of valid) {
      const { call } = prepared;
      const reasons = reasonsOf.get(prepared) ?? [];
      let result: ToolResult;
      if (reasons.length === 0) {
        result = yield* forwardUntil(run(prepared, { signal }), queue);
      } else {
        const details: ApprovalDetails = { reasons, ...(await prepared.target()) };
        if (reasons.includes('untrusted-context')) details.untrustedSources = [...taint.sources];
        yield { type: 'approval-requested', step, call, details };
        const answer = await askApproval(approve, call, signal, details);
        yield { type: 'approval-resolved', step, call, decision: answer.decision };
        result = answer.decision === 'allow' ? yield* forwardUntil(run(prepared, { signal, approved: true }), queue) : refusedResult(answer.error);
      }
      results.set(call.id, result);
      yield { type: 'tool-result', step, call, result };
    }
  } else {
    yield* runConcurrently(valid, run, step, signal, results, queue);
  }
  // Every result of a tool that reads outside data (anything but pure computations) now sits in
  // the context, errors included: a server's error text can carry an injection as well.
  let next = taint;
  let nestedSteps = 0;
  for (const { call } of valid) {
    next = afterToolResult(next, call.name, traitsOf(runner, call.name));
    const result = results.get(call.id);
    // An agent called as a tool: its outside text and its model steps are the caller's too.
    if (result?.untrustedSources?.length) next = afterNestedRun(next, call.name, result.untrustedSources);
    nestedSteps += result?.nestedSteps ?? 0;
  }

  const messages = calls.map((call) => {
    const result = results.get(call.id);
    const content = result ? result.content : '{"error":"Not run."}';
    const images = result?.images;
    return images && images.length > 0
      ? { role: 'tool' as const, toolCallId: call.id, name: call.name, content, images }
      : { role: 'tool' as const, toolCallId: call.id, name: call.name, content };
  });
  return { messages, invalidCount, taint: next, nestedSteps };
}

/** Starts every call at once and reports each result as soon as it arrives. */
async function* runConcurrently(
  prepared: readonly PreparedCall[],
  run: (prepared: PreparedCall, options: RunPreparedOptions) => Promise<ToolResult>,
  step: number,
  signal: AbortSignal,
  results: Map<string, ToolResult>,
  queue: ProgressQueue,
): AsyncGenerator<AgentEvent, void> {
  const pending = new Map(
    prepared.map((entry) => [entry.call.id, run(entry, { signal }).then((result) => ({ call: entry.call, result }))] as const),
  );
  while (pending.size > 0) {
    const { call, result } = yield* forwardUntil(Promise.race(pending.values()), queue);
    pending.delete(call.id);
    results.set(call.id, result);
    yield { type: 'tool-result', step, call, result };
  }
}
