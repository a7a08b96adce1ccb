/**
 * Tool-use evaluation: datasets (ours, MSAgent-Bench, BFCL), metrics (Action EM, Argument F1, ROUGE-L,
 * well-formed calls, hallucinated tools, no-call accuracy) and a resumable runner over any ChatEngine.
 * No DOM, no storage: the Node CLI and the app's Eval page share it.
 */
export * from './types';
export * from './metrics';
export { loadDataset, detectDatasetKind, toJsonl, DatasetError, validateExample, type Dataset, type DatasetKind } from './dataset';
export { normalizeBfclSchema, bfclToolName } from './import/bfcl-schema';
export { normalizeValue, valuesEqual, valueKey, matchesAccepted, isOptional } from './values';
export { buildEvalRequest, isEvalFormat, textFormatFor, type EvalFormat, type RequestSettings } from './request';
export { extractPrediction } from './extract';
export { scoreExample, type Prediction } from './score';
export { createMemoryResultStore, parseResults, type ExampleResult, type ResultStore } from './results';
export { runEval, type RunEvalOptions, type RunEvalOutcome } from './runner';
export { diffCalls, type ArgumentDiff, type ArgumentStatus, type CallDiff, type ExpectedCallDiff, type ProducedCallDiff } from './call-diff';
