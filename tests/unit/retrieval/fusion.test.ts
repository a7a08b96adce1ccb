import { describe, expect, it } from 'vitest';
import { Bm25Index, createVectorIndex, FlatIndex, Int8FlatIndex, rankTools, reciprocalRankFusion } from '../../../src/retrieval';

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over both lists and keeps the components', () => {
    const dense = [
      { id: 'a', score: 0.9 },
      { id: 'b', score: 0.8 },
      { id: 'c', score: 0.7 },
    ];
    const bm25 = [
      { id: 'c', score: 12 },
      { id: 'd', score: 5 },
    ];
    const fused = reciprocalRankFusion(dense, bm25);
    // c: 1/63 + 1/61 = 0.032266; a: 1/61 = 0.016393; d: 1/62 = 0.016129; b: 1/62 (tie with d, id order).
    expect(fused.map((h) => h.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(fused[0]!.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused[0]!.dense).toEqual({ rank: 3, score: 0.7, rrf: 1 / 63 });
    expect(fused[0]!.bm25).toEqual({ rank: 1, score: 12, rrf: 1 / 61 });
    expect(fused[1]).toEqual({ id: 'a', score: 1 / 61, dense: { rank: 1, score: 0.9, rrf: 1 / 61 }, bm25: null });
    expect(fused[3]!.dense).toBeNull();
  });

  it('honours a custom k and empty lists', () => {
    expect(reciprocalRankFusion([{ id: 'x', score: 1 }], [], 1)[0]!.score).toBe(0.5);
    expect(reciprocalRankFusion([], [])).toEqual([]);
  });
});

describe('rankTools', () => {
  const vectors: Record<string, number[]> = {
    get_weather: [1, 0, 0],
    send_email: [0, 1, 0],
    calculator: [0, 0, 1],
    search_web: [0.5, 0.5, 0],
  };
  const texts: Record<string, string> = {
    get_weather: 'weather forecast',
    send_email: 'send an email',
    calculator: 'evaluate arithmetic',
    search_web: 'search the web',
  };
  const dense = new FlatIndex(3);
  const bm25 = new Bm25Index();
  for (const id of Object.keys(vectors)) {
    dense.add(id, vectors[id]!);
    bm25.add(id, texts[id]!);
  }

  it('fuses dense and BM25 and returns both components', () => {
    const ranked = rankTools('weather', { dense: { index: dense, vector: [1, 0.1, 0] }, bm25, k: 2 });
    expect(ranked.map((r) => r.id)).toEqual(['get_weather', 'search_web']);
    expect(ranked[0]!.dense!.rank).toBe(1);
    expect(ranked[0]!.bm25!.rank).toBe(1);
    expect(ranked[0]!.pinned).toBe(false);
  });

  it('always includes pinned items first, even beyond k', () => {
    const ranked = rankTools('weather', { dense: { index: dense, vector: [1, 0, 0] }, bm25, k: 2, pinned: ['calculator'] });
    expect(ranked.map((r) => [r.id, r.pinned])).toEqual([
      ['calculator', true],
      ['get_weather', false],
    ]);
    const many = rankTools('weather', { bm25, k: 1, pinned: ['calculator', 'send_email', 'calculator'] });
    expect(many.map((r) => r.id)).toEqual(['calculator', 'send_email']);
    expect(many[0]!.score).toBe(0);
  });

  it('respects the filter in both retrievers', () => {
    const enabled = new Set(['send_email', 'search_web']);
    const ranked = rankTools('weather', { dense: { index: dense, vector: [1, 0, 0] }, bm25, k: 4, filter: enabled });
    expect(ranked.map((r) => r.id).sort()).toEqual(['search_web', 'send_email']);
  });
});

describe('createVectorIndex', () => {
  it('picks the flat f32 scan for small sets and int8 for large ones', () => {
    expect(createVectorIndex(16, 100)).toBeInstanceOf(FlatIndex);
    expect(createVectorIndex(16, 50_000)).toBeInstanceOf(Int8FlatIndex);
  });
});
