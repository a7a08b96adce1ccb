import { diffCalls, type CallDiff } from '../../eval/call-diff';
import { detectDatasetKind, loadDataset, type Dataset } from '../../eval/dataset';
import { readJsonRecords } from '../../eval/import/json-lines';
import { summarize, type EvalSummary } from '../../eval/metrics/summary';
import type { ExampleResult } from '../../eval/results';
import { goldCalls, type EvalExample } from '../../eval/types';

/** Reads a dataset file in any format the runner knows (ours, MSAgent-Bench, BFCL with its answers file); throws with the reason. */
export function readDataset(text: string, answersText?: string): Dataset {
  return loadDataset(text, answersText);
}

/** Tells whether a file is BFCL questions without reading it as a dataset (which may fail without answers). */
export function isBfclFile(text: string): boolean {
  const first = readJsonRecords(text)[0];
  return first !== undefined && detectDatasetKind(first.value) === 'bfcl';
}

/** The metrics over the results that have one (Action EM, Argument F1, ROUGE-L…). */
export function summarizeResults(results: readonly ExampleResult[]): EvalSummary {
  return summarize(results);
}

/** The produced calls against the example's gold calls, argument by argument. */
export function diffExampleCalls(example: EvalExample, result: ExampleResult | null | undefined): CallDiff {
  return diffCalls(
    result?.prediction?.calls ?? [],
    goldCalls(example.gold),
    example.acceptable,
    example.tools.map((tool) => tool.name),
  );
}
