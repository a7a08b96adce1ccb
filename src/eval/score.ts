/** Scores one example's prediction with every metric. */
import { actionExactMatch } from './metrics/action-em';
import { argumentCounts, precisionRecall } from './metrics/argument-f1';
import { hallucinatedCalls, isWellFormed, noCallCorrect } from './metrics/call-quality';
import { rougeL } from './metrics/rouge-l';
import type { ExampleScores } from './metrics/summary';
import { goldCalls, type EvalCall, type EvalExample } from './types';

/** What was read out of the model's answer to one example. */
export interface Prediction {
  /** The answer text with call markup removed. */
  text: string;
  calls: EvalCall[];
  /** The answer tried to call tools (whether or not the calls could be read). */
  attempted: boolean;
  /** Problems met reading the calls, as messages. */
  problems: string[];
}

/**
 * Scores a prediction. `followUpText` is the model's answer after the gold calls' results were shown
 * (see the runner); ROUGE-L compares it with `finalAnswer`. When the gold answer is text, ROUGE-L
 * compares the prediction's own text with it.
 */
export function scoreExample(example: EvalExample, prediction: Prediction, followUpText?: string): ExampleScores {
  const gold = goldCalls(example.gold);
  const actionEM = actionExactMatch(prediction.calls, gold);
  let argument: ExampleScores['argument'] = null;
  if (gold.length > 0) {
    const counts = argumentCounts(prediction.calls, gold, example.acceptable);
    argument = { ...counts, ...precisionRecall(counts, actionEM ? 1 : 0) };
  }
  let rouge: number | null = null;
  if ('text' in example.gold) rouge = rougeL(prediction.text, example.gold.text).f1;
  else if (example.finalAnswer !== undefined && followUpText !== undefined) rouge = rougeL(followUpText, example.finalAnswer).f1;
  return {
    actionEM,
    argument,
    rougeL: rouge,
    attempted: prediction.attempted,
    wellFormed: isWellFormed(prediction),
    calls: prediction.calls.length,
    hallucinated: hallucinatedCalls(
      prediction.calls,
      example.tools.map((tool) => tool.name),
    ),
    noCall: noCallCorrect(prediction.calls.length, gold.length),
  };
}
