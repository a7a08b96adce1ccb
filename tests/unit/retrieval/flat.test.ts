import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlatIndex, Int8FlatIndex, loadVectorIndex } from '../../../src/retrieval';
import { naiveTopK, randomVectors, recall } from './helpers';

const dim = 48;
const vectors = randomVectors(600, dim, 7);
const queries = randomVectors(20, dim, 8);

function build<T extends FlatIndex | Int8FlatIndex>(index: T): T {
  vectors.forEach((v, i) => index.add(`v${i}`, v));
  return index;
}

describe('FlatIndex (f32)', () => {
  const flat = build(new FlatIndex(dim));

  it('matches a naive reference exactly (ids, order and scores)', () => {
    for (const q of queries) {
      const expected = naiveTopK(vectors, q, 10);
      const actual = flat.search(q, 10);
      expect(actual.map((h) => h.id)).toEqual(expected.map((h) => h.id));
      actual.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 5));
    }
  });

  it('applies predicate and allowed-set filters during the scan (still returns k)', () => {
    const even = (id: string): boolean => Number(id.slice(1)) % 2 === 0;
    const q = queries[0]!;
    expect(flat.search(q, 10, even).map((h) => h.id)).toEqual(naiveTopK(vectors, q, 10, even).map((h) => h.id));
    const allowed = new Set(['v3', 'v30', 'v300']);
    expect(new Set(flat.search(q, 10, allowed).map((h) => h.id))).toEqual(allowed);
  });

  it('removes by swapping the last row in and replaces on re-add', () => {
    const index = build(new FlatIndex(dim));
    expect(index.remove('v0')).toBe(true);
    expect(index.remove('v0')).toBe(false);
    expect(index.size).toBe(599);
    const q = queries[1]!;
    const notV0 = (id: string): boolean => id !== 'v0';
    expect(index.search(q, 5).map((h) => h.id)).toEqual(naiveTopK(vectors, q, 5, notV0).map((h) => h.id));
    index.add('v5', q);
    expect(index.search(q, 1)[0]).toMatchObject({ id: 'v5' });
    expect(index.search(q, 1)[0]!.score).toBeCloseTo(1, 5);
    expect(index.size).toBe(599);
  });

  it('round-trips through a structured clone of its snapshot', () => {
    const snapshot = structuredClone(flat.serialise());
    expect(snapshot.vectors).toBeInstanceOf(Float32Array);
    const loaded = loadVectorIndex(snapshot);
    for (const q of queries.slice(0, 5)) expect(loaded.search(q, 10)).toEqual(flat.search(q, 10));
  });

  it('handles k larger than the index, k = 0 and an empty index', () => {
    expect(new FlatIndex(dim).search(queries[0]!, 5)).toEqual([]);
    expect(flat.search(queries[0]!, 0)).toEqual([]);
    expect(flat.search(queries[0]!, 10_000)).toHaveLength(600);
    expect(() => flat.search([1, 2], 3)).toThrow(RangeError);
  });
});

describe('Int8FlatIndex', () => {
  it('recovers the exact top 10 with a 4k rescoring shortlist', () => {
    const index = build(new Int8FlatIndex(dim));
    let total = 0;
    for (const q of queries) total += recall(index.search(q, 10), naiveTopK(vectors, q, 10));
    expect(total / queries.length).toBeGreaterThanOrEqual(0.99);
    const hit = index.search(queries[0]!, 1)[0]!;
    expect(hit.score).toBeCloseTo(naiveTopK(vectors, queries[0]!, 1)[0]!.score, 5);
  });

  it('without floats returns approximate scores within quantisation error', () => {
    const index = build(new Int8FlatIndex(dim, { keepFloats: false }));
    expect(index.bytes).toBe(600 * (dim + 4));
    const q = queries[2]!;
    const expected = naiveTopK(vectors, q, 10);
    const actual = index.search(q, 10);
    expect(recall(actual, expected)).toBeGreaterThanOrEqual(0.8);
    actual.forEach((hit) => expect(Math.abs(hit.score - naiveTopK(vectors, q, 600).find((e) => e.id === hit.id)!.score)).toBeLessThan(0.02));
  });

  it('removes, filters and round-trips', () => {
    const index = build(new Int8FlatIndex(dim));
    index.remove('v1');
    const q = queries[3]!;
    const allowed = (id: string): boolean => id !== 'v1' && id < 'v3';
    const expected = naiveTopK(vectors, q, 5, allowed);
    expect(index.search(q, 5, allowed).map((h) => h.id)).toEqual(expected.map((h) => h.id));
    const loaded = Int8FlatIndex.deserialise(structuredClone(index.serialise()));
    expect(loaded.search(q, 10)).toEqual(index.search(q, 10));
  });
});

describe('flat index properties', () => {
  const small = randomVectors(60, 8, 3);
  const kinds = [(): FlatIndex | Int8FlatIndex => new FlatIndex(8), (): FlatIndex | Int8FlatIndex => new Int8FlatIndex(8)];
  for (const make of kinds) {
    const index = make();
    small.forEach((v, i) => index.add(`v${i}`, v));
    it(`${index.constructor.name}: never returns filtered-out ids, sorted, at most k`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
          fc.integer({ min: 0, max: 80 }),
          fc.uniqueArray(fc.integer({ min: 0, max: 70 }), { maxLength: 40 }),
          (query, k, allowedNumbers) => {
            const allowed = new Set(allowedNumbers.map((n) => `v${n}`));
            const hits = index.search(query, k, allowed);
            expect(hits.length).toBeLessThanOrEqual(k);
            expect(hits.length).toBe(Math.min(k, allowedNumbers.filter((n) => n < 60).length));
            for (const hit of hits) expect(allowed.has(hit.id)).toBe(true);
            for (let i = 1; i < hits.length; i += 1) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
          },
        ),
        { numRuns: 200 },
      );
    });
  }
});

describe('WebAssembly SIMD kernels', () => {
  const d = 64;
  const data = randomVectors(300, d, 21);
  const qs = randomVectors(10, d, 22);

  it('are used when the dimension allows and agree with the JS kernels', () => {
    const simd = new FlatIndex(d);
    const plain = new FlatIndex(d, 16, { simd: false });
    expect(simd.usesSimd).toBe(true);
    expect(plain.usesSimd).toBe(false);
    expect(new FlatIndex(10).usesSimd).toBe(false);
    data.forEach((v, i) => {
      simd.add(`v${i}`, v);
      plain.add(`v${i}`, v);
    });
    simd.remove('v4');
    plain.remove('v4');
    for (const q of qs) {
      const a = simd.search(q, 10);
      const b = plain.search(q, 10);
      expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
      a.forEach((hit, i) => expect(hit.score).toBeCloseTo(b[i]!.score, 5));
    }
  });

  it('int8 SIMD (int16 query) and JS paths both recover the exact top 10', () => {
    const simd = new Int8FlatIndex(d);
    const plain = new Int8FlatIndex(d, { simd: false });
    expect(simd.usesSimd).toBe(true);
    expect(plain.usesSimd).toBe(false);
    data.forEach((v, i) => {
      simd.add(`v${i}`, v);
      plain.add(`v${i}`, v);
    });
    for (const q of qs) {
      const expected = naiveTopK(data, q, 10);
      expect(recall(simd.search(q, 10), expected)).toBe(1);
      expect(recall(plain.search(q, 10), expected)).toBe(1);
    }
    const loaded = Int8FlatIndex.deserialise(simd.serialise(), { simd: false });
    expect(loaded.search(qs[0]!, 10).map((h) => h.id)).toEqual(simd.search(qs[0]!, 10).map((h) => h.id));
  });

  it('keep rows intact while the WebAssembly memory grows', () => {
    const index = new FlatIndex(d, 1);
    data.forEach((v, i) => index.add(`v${i}`, v));
    const grown = randomVectors(3000, d, 23);
    grown.forEach((v, i) => index.add(`g${i}`, v));
    expect(index.search(data[5]!, 1)[0]).toMatchObject({ id: 'v5' });
    expect(index.search(grown[2999]!, 1)[0]).toMatchObject({ id: 'g2999' });
  });
});
