/** The relevance rule that decides which memories enter a prompt uninvited. */
import { describe, expect, it } from 'vitest';
import { contentTerms, DEFAULT_RELEVANCE, isRelevant, relevanceFor } from '../../../src/memory/relevance';

describe('contentTerms', () => {
  it('keeps what a question is about, not how it is asked', () => {
    expect([...contentTerms('Where do I live?')]).toEqual(['live']);
    expect([...contentTerms('What coffee do I like?')].sort()).toEqual(['coffee', 'like']);
    expect([...contentTerms('Tell me about my dogs')]).toEqual(['dog']);
  });

  it('counts CJK character pairs, not single characters', () => {
    expect([...contentTerms('我喜欢咖啡')].sort()).toEqual(['喜欢', '咖啡', '我喜', '欢咖'].sort());
    expect(contentTerms('猫').size).toBe(0);
  });
});

describe('isRelevant', () => {
  const rule = DEFAULT_RELEVANCE;

  it('asks for two shared content terms, or all of them when the query has fewer', () => {
    expect(isRelevant({ id: 'a', bm25: 3, matchedTerms: 1 }, 2, 3, rule)).toBe(false);
    expect(isRelevant({ id: 'a', bm25: 3, matchedTerms: 2 }, 2, 3, rule)).toBe(true);
    expect(isRelevant({ id: 'a', bm25: 3, matchedTerms: 1 }, 1, 3, rule)).toBe(true);
    // A query of function words only pulls nothing in.
    expect(isRelevant({ id: 'a', bm25: 3, matchedTerms: 0 }, 0, 3, rule)).toBe(false);
  });

  it('drops keyword hits far below the best one', () => {
    expect(isRelevant({ id: 'a', bm25: 0.5, matchedTerms: 2 }, 2, 3, rule)).toBe(false);
    expect(isRelevant({ id: 'a', bm25: 1, matchedTerms: 2 }, 2, 3, rule)).toBe(true);
  });

  it('takes a dense hit above the model threshold even without shared words', () => {
    const e5 = relevanceFor('Xenova/multilingual-e5-small:q8');
    expect(e5.minCosine).toBe(0.82);
    expect(isRelevant({ id: 'a', matchedTerms: 0, cosine: 0.85 }, 3, 0, e5)).toBe(true);
    expect(isRelevant({ id: 'a', matchedTerms: 0, cosine: 0.78 }, 3, 0, e5)).toBe(false);
    expect(relevanceFor('Xenova/bge-small-en-v1.5').minCosine).toBe(0.65);
    expect(relevanceFor('some/other-model').minCosine).toBe(DEFAULT_RELEVANCE.minCosine);
  });
});
