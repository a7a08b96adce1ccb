/** Retrieval metrics on cases worked out by hand (log2 values: log2 3 = 1.5849625, log2 6 = 2.5849625). */
import { describe, expect, it } from 'vitest';
import { chanceRecallAt, ndcgAt, recallAt, reciprocalRank, scoreRetrieval } from '../../../src/eval/retrieval-metrics';

const twoGold = { ranked: ['a', 'b', 'c', 'd', 'e'], gold: ['b', 'e'] };

describe('recall@n', () => {
  it('is the share of gold tools inside the top n', () => {
    expect(recallAt(twoGold, 1)).toBe(0);
    expect(recallAt(twoGold, 2)).toBe(0.5);
    expect(recallAt(twoGold, 3)).toBe(0.5);
    expect(recallAt(twoGold, 5)).toBe(1);
    expect(recallAt(twoGold, 50)).toBe(1);
    expect(recallAt(twoGold, 0)).toBe(0);
  });

  it('counts a gold tool the ranking left out as not found, and duplicate gold names once', () => {
    expect(recallAt({ ranked: ['x', 'a'], gold: ['a', 'z'] }, 2)).toBe(0.5);
    expect(recallAt({ ranked: [], gold: ['a'] }, 5)).toBe(0);
    expect(recallAt({ ranked: ['a'], gold: ['a', 'a'] }, 1)).toBe(1);
  });

  it('refuses a query without gold tools', () => {
    expect(() => recallAt({ ranked: ['a'], gold: [] }, 1)).toThrow(RangeError);
  });
});

describe('reciprocal rank', () => {
  it('is 1 / rank of the first gold tool, 0 when none is ranked', () => {
    expect(reciprocalRank(twoGold)).toBe(0.5);
    expect(reciprocalRank({ ranked: ['q', 'r', 's', 'g'], gold: ['g'] })).toBe(0.25);
    expect(reciprocalRank({ ranked: ['g'], gold: ['g'] })).toBe(1);
    expect(reciprocalRank({ ranked: ['q', 'r'], gold: ['g'] })).toBe(0);
  });
});

describe('nDCG@n (binary relevance)', () => {
  it('divides the DCG of the ranking by the DCG of gold-first', () => {
    // DCG = 1/log2 3 + 1/log2 6 = 0.6309298 + 0.3868528 = 1.0177826; IDCG = 1 + 0.6309298 = 1.6309298.
    expect(ndcgAt(twoGold, 10)).toBeCloseTo(1.0177826 / 1.6309298, 6);
    // Only the first 3 ranks count: DCG@3 = 0.6309298.
    expect(ndcgAt(twoGold, 3)).toBeCloseTo(0.6309298 / 1.6309298, 6);
  });

  it('keeps gold tools the ranking missed in the ideal', () => {
    expect(ndcgAt({ ranked: ['x', 'a'], gold: ['a', 'z'] }, 10)).toBeCloseTo(0.6309298 / 1.6309298, 6);
  });

  it('is 1 for a perfect ranking even with more gold tools than n, and 0 for none found', () => {
    expect(ndcgAt({ ranked: ['a', 'b', 'c', 'd'], gold: ['d', 'c', 'b', 'a'] }, 2)).toBeCloseTo(1, 12);
    expect(ndcgAt({ ranked: ['b', 'a', 'x'], gold: ['a', 'b'] }, 10)).toBeCloseTo(1, 12);
    expect(ndcgAt({ ranked: ['x', 'y'], gold: ['a'] }, 10)).toBe(0);
  });
});

describe('chance and averages', () => {
  it('gives the expected recall@n of a uniformly random ranking', () => {
    expect(chanceRecallAt(5, 36)).toBeCloseTo(5 / 36, 12);
    expect(chanceRecallAt(50, 36)).toBe(1);
    expect(chanceRecallAt(1, 0)).toBe(0);
  });

  it('macro-averages every metric over queries', () => {
    const scores = scoreRetrieval(
      [twoGold, { ranked: ['g', 'h'], gold: ['g'] }, { ranked: ['h'], gold: ['g'] }],
      [1, 3, 5],
    );
    expect(scores.queries).toBe(3);
    expect(scores.recall.get(1)).toBeCloseTo((0 + 1 + 0) / 3, 12);
    expect(scores.recall.get(3)).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    expect(scores.recall.get(5)).toBeCloseTo((1 + 1 + 0) / 3, 12);
    expect(scores.mrr).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    expect(scores.ndcg10).toBeCloseTo((1.0177826 / 1.6309298 + 1 + 0) / 3, 6);
    expect(scoreRetrieval([], [1]).mrr).toBe(0);
  });
});
