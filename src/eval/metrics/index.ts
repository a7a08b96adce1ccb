/** The eval metrics; each is defined in the doc comment of its function. */
export { actionExactMatch } from './action-em';
export { argumentCounts, pairCalls, precisionRecall, type ArgumentCounts, type CallPair, type PrecisionRecall } from './argument-f1';
export { rougeL, rougeTokens, lcsLength } from './rouge-l';
export { isWellFormed, hallucinatedCalls, noCallCorrect, type CallAttempt } from './call-quality';
export { summarize, type EvalSummary, type ExampleScores, type Rate, type Mean, type SummaryInput } from './summary';
