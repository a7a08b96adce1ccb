/**
 * Expected versus produced calls of one example, argument by argument, for people to read. Calls
 * are paired exactly as Argument F1 pairs them (`pairCalls`), and values are judged by the same
 * rules (`matchesAccepted`), so what the diff marks wrong is what the score counted wrong.
 */
import { pairCalls } from './metrics/argument-f1';
import type { Acceptable, EvalCall } from './types';
import { isOptional, matchesAccepted, valueKey } from './values';

/**
 * How one argument fared: `match` (an accepted value), `wrong` (given, not accepted), `missing`
 * (required, not given), `optional-missing` (optional, not given: costs nothing), `unexpected`
 * (given, but not an argument of the paired gold call, or the call itself was not expected).
 */
export type ArgumentStatus = 'match' | 'wrong' | 'missing' | 'optional-missing' | 'unexpected';

/** One argument in a diff. */
export interface ArgumentDiff {
  name: string;
  status: ArgumentStatus;
  /** The gold call's value (absent when only the acceptable list names the argument). */
  expected?: unknown;
  /** Every accepted value other than `expected` ("" marks optional and is left out). */
  alsoAccepted?: unknown[];
  /** The produced value, when one was given. */
  produced?: unknown;
}

/** One gold call: matched, matched by name with argument differences, or not produced at all. */
export interface ExpectedCallDiff {
  call: EvalCall;
  status: 'match' | 'arguments-differ' | 'missing';
  /** Index of the produced call paired with it. */
  producedIndex: number | null;
  arguments: ArgumentDiff[];
}

/** One produced call: matched, matched by name with differences, or not expected (no gold call took it). */
export interface ProducedCallDiff {
  call: EvalCall;
  status: 'match' | 'arguments-differ' | 'unexpected';
  /** False for a call to a tool the example does not offer (a hallucinated tool). */
  knownTool: boolean;
  /** Index of the gold call it was paired with. */
  expectedIndex: number | null;
  arguments: ArgumentDiff[];
}

/** Both call lists of one example, in their own order. */
export interface CallDiff {
  expected: ExpectedCallDiff[];
  produced: ProducedCallDiff[];
}

function isClean(status: ArgumentStatus): boolean {
  return status === 'match' || status === 'optional-missing';
}

/**
 * Diffs produced calls against gold calls. `toolNames` are the tools the example offered (a call
 * to any other is marked `knownTool: false`); when omitted every tool counts as known.
 */
export function diffCalls(
  produced: readonly EvalCall[],
  gold: readonly EvalCall[],
  acceptable?: Acceptable,
  toolNames?: readonly string[],
): CallDiff {
  const known = toolNames === undefined ? null : new Set(toolNames);
  const pairs = pairCalls(produced, gold, acceptable);
  const pairOfProduced = new Map<number, number>();
  for (const pair of pairs) if (pair.predicted !== null) pairOfProduced.set(pair.predicted, pair.gold);

  const expected = pairs.map((pair): ExpectedCallDiff => {
    const call = gold[pair.gold] as EvalCall;
    const partner = pair.predicted === null ? undefined : produced[pair.predicted];
    const argumentsDiff: ArgumentDiff[] = [];
    for (const [name, values] of pair.accepted) {
      const inGold = Object.prototype.hasOwnProperty.call(call.arguments, name);
      const given = partner !== undefined && Object.prototype.hasOwnProperty.call(partner.arguments, name);
      // An argument named only by the acceptable list is shown when the produced call used it.
      if (!inGold && !given) continue;
      let status: ArgumentStatus;
      if (given) status = matchesAccepted(partner.arguments[name], values) ? 'match' : 'wrong';
      else status = isOptional(values) ? 'optional-missing' : 'missing';
      const entry: ArgumentDiff = { name, status };
      if (inGold) entry.expected = call.arguments[name];
      // The gold value itself and repeats of one value are left out.
      const seen = new Set<string>(inGold ? [valueKey(call.arguments[name])] : []);
      const others = values.filter((value) => {
        const key = valueKey(value);
        if (value === '' || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (others.length > 0) entry.alsoAccepted = others;
      if (given) entry.produced = partner.arguments[name];
      argumentsDiff.push(entry);
    }
    let status: ExpectedCallDiff['status'] = 'missing';
    if (partner !== undefined) {
      const extra = Object.keys(partner.arguments).some((name) => !pair.accepted.has(name));
      status = !extra && argumentsDiff.every((entry) => isClean(entry.status)) ? 'match' : 'arguments-differ';
    }
    return { call, status, producedIndex: pair.predicted, arguments: argumentsDiff };
  });

  const producedDiff = produced.map((call, index): ProducedCallDiff => {
    const goldIndex = pairOfProduced.get(index);
    const knownTool = known === null || known.has(call.name);
    if (goldIndex === undefined) {
      return {
        call,
        status: 'unexpected',
        knownTool,
        expectedIndex: null,
        arguments: Object.entries(call.arguments).map(([name, value]) => ({ name, status: 'unexpected', produced: value })),
      };
    }
    const accepted = pairs[goldIndex]?.accepted ?? new Map<string, unknown[]>();
    const goldCall = gold[goldIndex] as EvalCall;
    const argumentsDiff = Object.entries(call.arguments).map(([name, value]): ArgumentDiff => {
      const values = accepted.get(name);
      if (values === undefined) return { name, status: 'unexpected', produced: value };
      const entry: ArgumentDiff = { name, status: matchesAccepted(value, values) ? 'match' : 'wrong', produced: value };
      if (Object.prototype.hasOwnProperty.call(goldCall.arguments, name)) entry.expected = goldCall.arguments[name];
      return entry;
    });
    const status = expected[goldIndex]?.status === 'match' ? 'match' : 'arguments-differ';
    return { call, status, knownTool, expectedIndex: goldIndex, arguments: argumentsDiff };
  });

  return { expected, produced: producedDiff };
}
