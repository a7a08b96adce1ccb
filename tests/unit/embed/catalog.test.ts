/** The catalog: each model's conventions as its card gives them. */
import { describe, expect, it } from 'vitest';
import { BGE_SMALL_EN, DEFAULT_EMBEDDING_MODEL, EMBEDDING_MODELS, findEmbeddingModel, MULTILINGUAL_E5_SMALL, withPrefix } from '../../../src/embed';

describe('embedding catalog', () => {
  it('defaults to the multilingual E5 model with its query/passage prefixes and mean pooling', () => {
    expect(DEFAULT_EMBEDDING_MODEL).toBe(MULTILINGUAL_E5_SMALL);
    expect(MULTILINGUAL_E5_SMALL).toMatchObject({ dimensions: 384, pooling: 'mean', normalize: true, languages: 'multilingual' });
    expect(withPrefix(MULTILINGUAL_E5_SMALL, 'hi', 'query')).toBe('query: hi');
    expect(withPrefix(MULTILINGUAL_E5_SMALL, 'hi', 'passage')).toBe('passage: hi');
  });

  it('gives BGE its query instruction, no passage prefix, and CLS pooling', () => {
    expect(BGE_SMALL_EN).toMatchObject({ dimensions: 384, pooling: 'cls', normalize: true });
    expect(withPrefix(BGE_SMALL_EN, 'hi', 'query')).toBe('Represent this sentence for searching relevant passages: hi');
    expect(withPrefix(BGE_SMALL_EN, 'hi', 'passage')).toBe('hi');
  });

  it('finds entries by id and has unique ids', () => {
    expect(findEmbeddingModel('Xenova/bge-small-en-v1.5')).toBe(BGE_SMALL_EN);
    expect(findEmbeddingModel('nope')).toBeUndefined();
    expect(new Set(EMBEDDING_MODELS.map((model) => model.modelId)).size).toBe(EMBEDDING_MODELS.length);
  });
});
