/** Paths and loaders of the committed eval fixtures. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDataset, type Dataset } from '../../../src/eval/dataset';

/** The repository root. */
export const root = resolve(import.meta.dirname, '../../..');
/** tests/fixtures/eval. */
export const fixtures = resolve(root, 'tests/fixtures/eval');

export const bfclQuestions = resolve(fixtures, 'bfcl/questions.jsonl');
export const bfclAnswers = resolve(fixtures, 'bfcl/possible_answers.jsonl');
export const msagentSample = resolve(fixtures, 'msagent/sample.jsonl');
export const ourSample = resolve(fixtures, 'sample.jsonl');

/** The BFCL sample, imported. */
export function loadBfcl(): Dataset {
  return loadDataset(readFileSync(bfclQuestions, 'utf8'), readFileSync(bfclAnswers, 'utf8'));
}
