/**
 * Per-output call quality: whether the output tried to call tools, whether those calls were well
 * formed, and how many named a tool the example does not offer.
 */

/** What was read out of one model output. */
export interface CallAttempt {
  /** The output tried to call at least one tool (native tool_calls, or call markup in the text). */
  attempted: boolean;
  /** Problems met while reading the calls (invalid JSON repaired or dropped, missing names…). */
  problems: readonly string[];
  calls: ReadonlyArray<{ name: string }>;
}

/**
 * Well-formed call: an output that attempted calls and whose calls all parsed without any problem
 * (no repair, nothing dropped). The rate is well-formed outputs / outputs that attempted calls.
 */
export function isWellFormed(attempt: CallAttempt): boolean {
  return attempt.attempted && attempt.problems.length === 0;
}

/**
 * Hallucinated tool: a call whose name is not among the example's tools. The rate is hallucinated
 * calls / all calls, summed over examples.
 */
export function hallucinatedCalls(calls: ReadonlyArray<{ name: string }>, toolNames: ReadonlyArray<string>): number {
  const known = new Set(toolNames);
  return calls.filter((call) => !known.has(call.name)).length;
}

/**
 * No-call accuracy: over examples whose gold answer makes no call, the share where the model made
 * none either. Returns null for an example whose gold answer makes calls (not counted).
 */
export function noCallCorrect(predictedCalls: number, goldCalls: number): boolean | null {
  if (goldCalls > 0) return null;
  return predictedCalls === 0;
}
