/**
 * The dataset bundled with the app (eight examples in Tabagent's JSONL: single, parallel and
 * multi-turn calls, English and Chinese, a text answer and a "make no call" case), so the Eval page
 * works before the person has a file of their own. Read through the same `loadDataset` as files.
 */
import { loadDataset } from '../../eval/dataset';
import type { EvalExample } from '../../eval/types';
import sampleText from './sample.jsonl?raw';

/** The name runs on the sample are stored under. */
export const SAMPLE_NAME = 'Bundled sample';

/** The sample's examples (parsed once). */
export const sampleExamples: readonly EvalExample[] = loadDataset(sampleText).examples;
