/**
 * The one approval policy: which calls the person confirms, how they are asked, and what a refusal
 * looks like. The loop (`run-tools.ts`) decides and reports both the question and the answer as
 * events; runners only enforce that exactly the approved, frozen call runs (and runs once).
 * Stops injected text from turning into unconfirmed side effects or exfiltration (OWASP LLM01).
 */
import { TabagentError, isAbortError } from '../errors';
import { raceAbort } from '../abort';
import type { AgentApprovalPolicy } from '../agent-definition';
import type { ToolCall } from '../types';
import type { ApprovalDecision, ApprovalDetails, ApprovalReason, ApproveCall, PrepareOutcome, PreparedCall, RunPreparedOptions, ToolResult, ToolRunner } from '../tool-runner';
import { confirmationReasons, traitsOf, type Taint } from './taint';

/**
 * Why this call must be confirmed under `taint` and the agent's approval `policy` (empty: it runs
 * without asking). 'side-effects' (the default) asks for side effects and for data that could leave
 * after outside text came in; 'every-call' asks for every call besides.
 */
export function approvalReasons(runner: ToolRunner, name: string, taint: Taint, policy: AgentApprovalPolicy = 'side-effects'): ApprovalReason[] {
  const reasons = confirmationReasons(traitsOf(runner, name), taint);
  // A runner may ask for approval beyond its traits (unknown tools: when in doubt, ask).
  if (!reasons.includes('side-effects') && runner.requiresApproval(name)) reasons.unshift('side-effects');
  if (policy === 'every-call') reasons.push('every-call');
  return reasons;
}

/** The person's answer, or why no answer counts as one: a refusal, or the run was stopped. */
export type ApprovalOutcome = { decision: 'allow' } | { decision: 'deny'; error: TabagentError };

function stopped(name: string): TabagentError {
  return new TabagentError('aborted', `Tool ${name} was stopped.`);
}

/**
 * Asks `approve` about one frozen call. Only an explicit 'allow' allows; no callback, a failing
 * callback, any other answer or a stop while asking is a refusal with a typed error.
 */
export async function askApproval(
  approve: ApproveCall | undefined,
  call: Readonly<ToolCall>,
  signal: AbortSignal | undefined,
  details: ApprovalDetails,
): Promise<ApprovalOutcome> {
  if (!approve) {
    const message = `Tool ${call.name} needs the user's approval for each call, and no one could be asked. It was not run.`;
    return { decision: 'deny', error: new TabagentError('denied', message) };
  }
  let decision: ApprovalDecision | unknown;
  try {
    const asking = Promise.resolve().then(() => approve(call, signal ?? new AbortController().signal, details));
    decision = await raceAbort(asking, signal);
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) return { decision: 'deny', error: stopped(call.name) };
    const reason = error instanceof Error ? error.message : String(error);
    return { decision: 'deny', error: new TabagentError('denied', `Tool ${call.name} was not run: asking for approval failed (${reason}).`, { cause: error }) };
  }
  if (signal?.aborted) return { decision: 'deny', error: stopped(call.name) };
  if (decision !== 'allow') return { decision: 'deny', error: new TabagentError('denied', `The user declined to run ${call.name}. It was not run.`) };
  return { decision: 'allow' };
}

/** The tool result of a call that was not allowed to run. */
export function refusedResult(error: TabagentError): ToolResult {
  return { content: JSON.stringify({ error: error.message }), isError: true, error, durationMs: 0 };
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Checks and freezes a call once. Runners with `prepare` do it themselves (the real executor);
 * simple runners (tests, the CLI's stand-ins) get their `validate` and a frozen structured clone.
 */
export function prepareCall(runner: ToolRunner, call: ToolCall): PrepareOutcome {
  if (runner.prepare) return runner.prepare(call);
  const outcome = runner.validate(call.name, call.arguments);
  if (!outcome.ok) return outcome;
  const frozen = deepFreeze(structuredClone({ id: call.id, name: call.name, arguments: call.arguments }));
  return { ok: true, prepared: { call: frozen, target: () => Promise.resolve({ destinations: [] }) } };
}

/**
 * Runs a prepared call. Simple runners without `run` get `execute` with the decision already made
 * (they ask through `approve`, which then answers at once).
 */
export function runPrepared(runner: ToolRunner, prepared: PreparedCall, options: RunPreparedOptions): Promise<ToolResult> {
  if (runner.run) return runner.run(prepared, options);
  const decision: ApprovalDecision = options.approved === true ? 'allow' : 'deny';
  return runner.execute(prepared.call as ToolCall, { ...(options.signal ? { signal: options.signal } : {}), approve: () => Promise.resolve(decision) });
}
