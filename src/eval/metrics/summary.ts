import type { ArgumentCounts, PrecisionRecall } from './argument-f1';
import { precisionRecall } from './argument-f1';

/** Every metric of one scored example. */
export interface ExampleScores {
  actionEM: boolean;
  /** Argument F1 counts and scores; null when the gold answer makes no call (not counted). */
  argument: (ArgumentCounts & PrecisionRecall) | null;
  /** ROUGE-L F of the text answer; null when the example has no reference text. */
  rougeL: number | null;
  /** The output tried to call tools. */
  attempted: boolean;
  /** It did, and every call parsed without a problem. */
  wellFormed: boolean;
  /** Calls made. */
  calls: number;
  /** Calls to tools the example does not offer. */
  hallucinated: number;
  /** Gold makes no call: whether the model made none; null otherwise. */
  noCall: boolean | null;
}

/** A ratio with its counts: `value` = numerator / denominator, null when nothing was counted. */
export interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}

/** A mean with the number of values behind it (null when there were none). */
export interface Mean {
  value: number | null;
  count: number;
}

/** The aggregate of a run. */
export interface EvalSummary {
  /** Examples with a result (scored or failed). */
  examples: number;
  scored: number;
  /** Examples whose request failed (engine or network error); they count in no metric. */
  errors: number;
  /** Share of scored examples with Action EM. */
  actionEM: Rate;
  /** Mean per-example Argument F1 (macro), over examples whose gold makes calls; `micro` sums the pairs. */
  argumentF1: Mean & { micro: PrecisionRecall & ArgumentCounts };
  /** Mean ROUGE-L F over examples with reference text. */
  rougeL: Mean;
  /** Well-formed outputs / outputs that attempted calls. */
  wellFormedCallRate: Rate;
  /** Calls to unknown tools / all calls. */
  hallucinatedToolRate: Rate;
  /** Examples with no gold call and no predicted call / examples with no gold call. */
  noCallAccuracy: Rate;
  /** Summed and mean request time of the examples with a result, in milliseconds. */
  durationMs: { total: number; mean: number | null };
}

/** What the summary needs from one result line. */
export interface SummaryInput {
  scores?: ExampleScores;
  error?: string;
  durationMs: number;
}

function rate(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

function mean(values: readonly number[]): Mean {
  const total = values.reduce((sum, value) => sum + value, 0);
  return { value: values.length === 0 ? null : total / values.length, count: values.length };
}

/** Aggregates per-example results into the run summary (each metric's definition is at its function). */
export function summarize(results: readonly SummaryInput[]): EvalSummary {
  const scored = results.flatMap((result) => (result.scores && result.error === undefined ? [result.scores] : []));
  const withArguments = scored.flatMap((scores) => (scores.argument ? [scores.argument] : []));
  const counts: ArgumentCounts = { correct: 0, predicted: 0, gold: 0 };
  for (const argument of withArguments) {
    counts.correct += argument.correct;
    counts.predicted += argument.predicted;
    counts.gold += argument.gold;
  }
  const noCall = scored.flatMap((scores) => (scores.noCall === null ? [] : [scores.noCall]));
  const total = results.reduce((sum, result) => sum + result.durationMs, 0);
  return {
    examples: results.length,
    scored: scored.length,
    errors: results.length - scored.length,
    actionEM: rate(scored.filter((scores) => scores.actionEM).length, scored.length),
    argumentF1: {
      ...mean(withArguments.map((argument) => argument.f1)),
      micro: { ...counts, ...precisionRecall(counts) },
    },
    rougeL: mean(scored.flatMap((scores) => (scores.rougeL === null ? [] : [scores.rougeL]))),
    wellFormedCallRate: rate(
      scored.filter((scores) => scores.wellFormed).length,
      scored.filter((scores) => scores.attempted).length,
    ),
    hallucinatedToolRate: rate(
      scored.reduce((sum, scores) => sum + scores.hallucinated, 0),
      scored.reduce((sum, scores) => sum + scores.calls, 0),
    ),
    noCallAccuracy: rate(noCall.filter(Boolean).length, noCall.length),
    durationMs: { total, mean: results.length === 0 ? null : total / results.length },
  };
}
