import { TopK } from './topk';
import { termWeights, type RetrievalQuery } from './query';
import { tokenize } from './tokenize';
import { toPredicate, type Filter, type SearchHit } from './types';

/** BM25 constants: k1 saturates term frequency, b normalises by document length. */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** Structured-clone friendly snapshot of a {@link Bm25Index}: postings as flat typed arrays. */
export interface Bm25IndexData {
  kind: 'bm25';
  version: 1;
  params: Bm25Params;
  /** Document ids; doc number = position. */
  ids: string[];
  /** Token count of each document. */
  lengths: Uint32Array;
  terms: string[];
  /** Postings of `terms[t]` are entries `offsets[t] .. offsets[t+1]` of `docs`/`tfs`. */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
}

/**
 * Okapi BM25 over {@link tokenize}d text with incremental add/remove. Postings are per-term maps
 * (doc number → term frequency), so adding or removing a tool touches only its own terms.
 */
export class Bm25Index {
  readonly params: Bm25Params;
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly docOf = new Map<string, number>();
  private ids: string[] = [];
  private lengths: number[] = [];
  private termsOf: string[][] = [];
  private readonly free: number[] = [];
  private totalLength = 0;

  constructor(params: Partial<Bm25Params> = {}) {
    this.params = { k1: params.k1 ?? 1.2, b: params.b ?? 0.75 };
  }

  get size(): number {
    return this.docOf.size;
  }

  has(id: string): boolean {
    return this.docOf.has(id);
  }

  /** Indexes `text` under `id`, replacing any earlier text of that id. */
  add(id: string, text: string): void {
    this.remove(id);
    const counts = new Map<string, number>();
    const tokens = tokenize(text);
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    this.insert(id, tokens.length, counts);
  }

  remove(id: string): boolean {
    const doc = this.docOf.get(id);
    if (doc === undefined) return false;
    for (const term of this.termsOf[doc]!) {
      const list = this.postings.get(term)!;
      list.delete(doc);
      if (list.size === 0) this.postings.delete(term);
    }
    this.totalLength -= this.lengths[doc]!;
    this.docOf.delete(id);
    this.termsOf[doc] = [];
    this.lengths[doc] = 0;
    this.ids[doc] = '';
    this.free.push(doc);
    return true;
  }

  /**
   * The k best-scoring documents for `query`, only among ids passing `filter`; no match → no hit.
   * A query in parts scores each word at its part's weight (see {@link termWeights}).
   */
  search(query: RetrievalQuery, k: number, filter?: Filter): SearchHit[] {
    const n = this.size;
    if (n === 0 || k <= 0) return [];
    const { k1, b } = this.params;
    const avgLength = this.totalLength / n || 1;
    const allowed = toPredicate(filter);
    const scores = new Map<number, number>();
    for (const [term, weight] of termWeights(query)) {
      const list = this.postings.get(term);
      if (!list) continue;
      // The query part's weight scales the term's whole contribution.
      const termScale = weight * Math.log(1 + (n - list.size + 0.5) / (list.size + 0.5));
      for (const [doc, tf] of list) {
        if (allowed !== undefined && !allowed(this.ids[doc]!)) continue;
        const norm = tf + k1 * (1 - b + (b * this.lengths[doc]!) / avgLength);
        scores.set(doc, (scores.get(doc) ?? 0) + (termScale * tf * (k1 + 1)) / norm);
      }
    }
    const top = new TopK(Math.min(k, scores.size));
    for (const [doc, score] of scores) top.push(score, doc);
    const best = top.sorted();
    return best.slots.map((doc, i) => ({ id: this.ids[doc]!, score: best.scores[i]! }));
  }

  serialise(): Bm25IndexData {
    const live = [...this.docOf.entries()].sort((x, y) => x[1] - y[1]);
    const renumber = new Map(live.map(([, doc], i) => [doc, i]));
    const terms = [...this.postings.keys()];
    const total = terms.reduce((sum, term) => sum + this.postings.get(term)!.size, 0);
    const offsets = new Uint32Array(terms.length + 1);
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    let at = 0;
    terms.forEach((term, t) => {
      offsets[t] = at;
      for (const [doc, tf] of this.postings.get(term)!) {
        docs[at] = renumber.get(doc)!;
        tfs[at] = Math.min(tf, 0xffff);
        at += 1;
      }
    });
    offsets[terms.length] = at;
    return {
      kind: 'bm25',
      version: 1,
      params: { ...this.params },
      ids: live.map(([id]) => id),
      lengths: Uint32Array.from(live, ([, doc]) => this.lengths[doc]!),
      terms,
      offsets,
      docs,
      tfs,
    };
  }

  /** Restores postings from a snapshot without re-tokenizing any text. */
  static deserialise(snapshot: Bm25IndexData): Bm25Index {
    if (snapshot.kind !== 'bm25') throw new TypeError(`Not a bm25 snapshot: ${snapshot.kind}`);
    const index = new Bm25Index(snapshot.params);
    index.ids = snapshot.ids.slice();
    index.lengths = Array.from(snapshot.lengths);
    index.termsOf = snapshot.ids.map(() => []);
    snapshot.ids.forEach((id, doc) => index.docOf.set(id, doc));
    index.totalLength = index.lengths.reduce((sum, length) => sum + length, 0);
    snapshot.terms.forEach((term, t) => {
      const list = new Map<number, number>();
      for (let i = snapshot.offsets[t]!; i < snapshot.offsets[t + 1]!; i += 1) {
        const doc = snapshot.docs[i]!;
        list.set(doc, snapshot.tfs[i]!);
        index.termsOf[doc]!.push(term);
      }
      index.postings.set(term, list);
    });
    return index;
  }

  private insert(id: string, length: number, counts: Map<string, number>): void {
    const doc = this.free.pop() ?? this.ids.length;
    this.ids[doc] = id;
    this.lengths[doc] = length;
    this.termsOf[doc] = [...counts.keys()];
    this.docOf.set(id, doc);
    this.totalLength += length;
    for (const [term, tf] of counts) {
      let list = this.postings.get(term);
      if (!list) {
        list = new Map();
        this.postings.set(term, list);
      }
      list.set(doc, tf);
    }
  }
}
