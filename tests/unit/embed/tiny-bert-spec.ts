/** The tiny BERT fixture as an embedding model spec, with E5-style prefixes so prefix handling shows. */
import type { EmbeddingModelSpec } from '../../../src/embed';
import { TINY_BERT_DIMENSIONS, TINY_BERT_ID } from '../../fixtures/make-tiny-bert';

export const tinyBertSpec: EmbeddingModelSpec = {
  modelId: TINY_BERT_ID,
  label: 'Tiny BERT (test fixture)',
  dimensions: TINY_BERT_DIMENSIONS,
  pooling: 'mean',
  normalize: true,
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  languages: 'en',
};

/** Euclidean length. */
export function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

/** Largest absolute difference between two vectors. */
export function maxDifference(a: Float32Array, b: Float32Array): number {
  return a.reduce((max, value, index) => Math.max(max, Math.abs(value - b[index]!)), 0);
}
