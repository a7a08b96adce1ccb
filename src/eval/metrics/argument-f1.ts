import type { Acceptable, EvalCall } from '../types';
import { isOptional, matchesAccepted } from '../values';

/** Pair counts of one example (or summed over many, for micro averages). */
export interface ArgumentCounts {
  /** Predicted (name, value) pairs whose value is accepted for that argument of the paired gold call. */
  correct: number;
  /** All (name, value) pairs of all predicted calls. */
  predicted: number;
  /** Required pairs of all gold calls, plus the optional ones the paired prediction supplied. */
  gold: number;
}

/** Precision, recall and F1 of a set of counts. */
export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Argument F1 over (argument name, value) pairs. Calls are paired by name: each gold call, in order,
 * takes the unpaired predicted call of the same name that gets the most pairs right. Then
 * - predicted pairs: every argument of every predicted call (an unpaired call's pairs are all wrong);
 * - gold pairs: every required argument of every gold call, plus each optional argument (accepted
 *   list contains "") that the paired prediction supplied, so leaving an optional argument out costs
 *   nothing while supplying it wrongly does;
 * - correct: a predicted pair whose name is an argument of the paired gold call and whose value is
 *   one of its accepted values (`acceptable[i][name]`, else the gold value), compared with
 *   `valuesEqual` (trimmed case-folded strings, numbers numerically, "true"/"false" as booleans,
 *   canonical JSON for objects and arrays).
 */
export function argumentCounts(
  predicted: readonly EvalCall[],
  gold: readonly EvalCall[],
  acceptable?: Acceptable,
): ArgumentCounts {
  const counts: ArgumentCounts = { correct: 0, predicted: 0, gold: 0 };
  for (const call of predicted) counts.predicted += Object.keys(call.arguments).length;
  for (const pair of pairCalls(predicted, gold, acceptable)) {
    counts.gold += [...pair.accepted.values()].filter((values) => !isOptional(values)).length + pair.optionalGiven;
    counts.correct += pair.correct;
  }
  return counts;
}

/** One gold call and the predicted call paired with it (see {@link pairCalls}). */
export interface CallPair {
  /** Index of the gold call. */
  gold: number;
  /** Index of the paired predicted call; null when no predicted call of that name was left. */
  predicted: number | null;
  /** Accepted values per argument name of the gold call (its acceptable list plus its own value). */
  accepted: Map<string, unknown[]>;
  /** Arguments of the paired call whose value is accepted. */
  correct: number;
  /** Optional arguments (accepted list holds "") the paired call supplied. */
  optionalGiven: number;
}

/**
 * The pairing Argument F1 scores (and the eval page's call diff shows): each gold call, in order,
 * takes the unpaired predicted call of the same name that gets the most argument values right
 * (the first such on a tie). Predicted calls left unpaired appear in no pair.
 */
export function pairCalls(predicted: readonly EvalCall[], gold: readonly EvalCall[], acceptable?: Acceptable): CallPair[] {
  const unpaired = new Set(predicted.map((_call, index) => index));
  return gold.map((goldCall, goldIndex) => {
    const accepted = acceptedValues(goldCall, acceptable?.[goldIndex]);
    let best: { index: number; correct: number; optionalGiven: number } | null = null;
    for (const index of unpaired) {
      const candidate = predicted[index];
      if (!candidate || candidate.name !== goldCall.name) continue;
      const score = scorePair(candidate, accepted);
      if (best === null || score.correct > best.correct) best = { index, ...score };
    }
    if (best === null) return { gold: goldIndex, predicted: null, accepted, correct: 0, optionalGiven: 0 };
    unpaired.delete(best.index);
    return { gold: goldIndex, predicted: best.index, accepted, correct: best.correct, optionalGiven: best.optionalGiven };
  });
}

/**
 * Precision = correct / predicted, recall = correct / gold, F1 their harmonic mean (0 when both are
 * 0). An empty side is vacuously perfect (precision 1 with no predicted pairs, recall 1 with no gold
 * pairs); when both sides are empty the F1 is `emptyScore` (the caller passes 1 when the calls
 * themselves matched, 0 otherwise, so calling the wrong argument-less tool does not score 1).
 */
export function precisionRecall(counts: ArgumentCounts, emptyScore = 1): PrecisionRecall {
  if (counts.predicted === 0 && counts.gold === 0) return { precision: emptyScore, recall: emptyScore, f1: emptyScore };
  const precision = counts.predicted === 0 ? 1 : counts.correct / counts.predicted;
  const recall = counts.gold === 0 ? 1 : counts.correct / counts.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Accepted values per argument name of one gold call: its acceptable list, plus its own value. */
function acceptedValues(call: EvalCall, acceptable: Record<string, unknown[]> | undefined): Map<string, unknown[]> {
  const accepted = new Map<string, unknown[]>();
  for (const [name, values] of Object.entries(acceptable ?? {})) accepted.set(name, [...values]);
  for (const [name, value] of Object.entries(call.arguments)) {
    const list = accepted.get(name);
    if (list === undefined) accepted.set(name, [value]);
    else list.push(value);
  }
  return accepted;
}

function scorePair(call: EvalCall, accepted: Map<string, unknown[]>): { correct: number; optionalGiven: number } {
  let correct = 0;
  let optionalGiven = 0;
  for (const [name, value] of Object.entries(call.arguments)) {
    const values = accepted.get(name);
    if (values === undefined) continue;
    if (isOptional(values)) optionalGiven += 1;
    if (matchesAccepted(value, values)) correct += 1;
  }
  return { correct, optionalGiven };
}
