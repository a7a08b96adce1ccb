import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bm25Index, reciprocalRankFusion } from '../../../src/retrieval';

const words = ['weather', 'email', 'search', 'file', 'read', 'write', '天气', '查询', '文件', 'calendar'];

describe('BM25 and RRF properties', () => {
  it('BM25: never returns filtered-out ids, sorted, at most k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (docs, query, k, modulus) => {
          const index = new Bm25Index();
          docs.forEach((doc, i) => index.add(`d${i}`, doc.join(' ')));
          const pass = (id: string): boolean => Number(id.slice(1)) % modulus === 0;
          const hits = index.search(query.join(''), k, pass);
          expect(hits.length).toBeLessThanOrEqual(k);
          for (const hit of hits) expect(pass(hit.id)).toBe(true);
          for (let i = 1; i < hits.length; i += 1) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('RRF: each id once, sorted, score = sum of its components', () => {
    const list = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 20 }).map((ids) => ids.map((n, i) => ({ id: `x${n}`, score: 20 - i })));
    fc.assert(
      fc.property(list, list, fc.integer({ min: 1, max: 100 }), (dense, bm25, k) => {
        const fused = reciprocalRankFusion(dense, bm25, k);
        expect(new Set(fused.map((hit) => hit.id)).size).toBe(fused.length);
        expect(fused.length).toBe(new Set([...dense, ...bm25].map((hit) => hit.id)).size);
        for (let i = 1; i < fused.length; i += 1) expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
        for (const hit of fused) expect(hit.score).toBeCloseTo((hit.dense?.rrf ?? 0) + (hit.bm25?.rrf ?? 0), 12);
      }),
    );
  });
});
