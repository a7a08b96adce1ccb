/**
 * The in-memory search structures over all memories: BM25 always, a flat vector index for the
 * embedding model in use. Rebuilt incrementally from the stored records before each search, so
 * edits from the Memory page, the tools or another tab are always seen; vectors come from the
 * vector cache (IndexedDB) or the model, once per memory text.
 */
import type { Embedder } from '../embed/types';
import { Bm25Index, FlatIndex, reciprocalRankFusion } from '../retrieval';
import type { MemoryRecord } from '../store/records';
import { contentTerms, type ScoredMemory } from './relevance';

/** One ranked memory: fused score plus what each retriever said. */
export interface RankedMemory extends ScoredMemory {
  /** Reciprocal-rank-fusion score (higher is better). */
  score: number;
}

interface Indexed {
  updatedAt: number;
  text: string;
  terms: Set<string>;
}

export class MemoryIndex {
  private readonly bm25 = new Bm25Index();
  private readonly indexed = new Map<string, Indexed>();
  private dense: { embedderId: string; index: FlatIndex } | undefined;

  get size(): number {
    return this.indexed.size;
  }

  /** Brings the keyword index in line with `records` (the whole store). */
  sync(records: readonly MemoryRecord[]): void {
    const live = new Set<string>();
    for (const record of records) {
      live.add(record.id);
      const known = this.indexed.get(record.id);
      if (known && known.updatedAt === record.updatedAt && known.text === record.text) continue;
      this.bm25.add(record.id, searchText(record));
      this.indexed.set(record.id, { updatedAt: record.updatedAt, text: record.text, terms: contentTerms(searchText(record)) });
      this.dense?.index.remove(record.id);
    }
    for (const id of [...this.indexed.keys()]) {
      if (live.has(id)) continue;
      this.indexed.delete(id);
      this.bm25.remove(id);
      this.dense?.index.remove(id);
    }
  }

  /**
   * Adds vectors for memories the dense index lacks, embedding their texts as passages (the
   * embedder given is the cached one: known texts come from IndexedDB, not the model).
   */
  async syncVectors(embedder: Embedder, signal?: AbortSignal): Promise<void> {
    if (!this.dense || this.dense.embedderId !== embedder.id) {
      this.dense = { embedderId: embedder.id, index: new FlatIndex(embedder.dimensions, Math.max(16, this.indexed.size)) };
    }
    const dense = this.dense.index;
    const missing = [...this.indexed].filter(([id]) => !dense.has(id));
    if (missing.length === 0) return;
    const vectors = await embedder.embed(
      missing.map(([, entry]) => entry.text),
      'passage',
      signal,
    );
    missing.forEach(([id], index) => {
      // A memory removed while its vector was computed stays out.
      if (this.indexed.has(id)) dense.add(id, vectors[index]!);
    });
  }

  /**
   * Every memory that matched: BM25 hits (with their matched content terms) fused with the dense
   * ranking when `queryVector` is given (its embedder's index must be in sync), best first.
   */
  search(query: string, queryVector?: Float32Array): RankedMemory[] {
    const n = this.indexed.size;
    if (n === 0) return [];
    const keyword = this.bm25.search(query, n);
    const dense = queryVector && this.dense ? this.dense.index.search(queryVector, n) : [];
    const queryTerms = contentTerms(query);
    return reciprocalRankFusion(dense, keyword).map((hit) => {
      const terms = this.indexed.get(hit.id)?.terms ?? new Set<string>();
      let matchedTerms = 0;
      for (const term of queryTerms) if (terms.has(term)) matchedTerms += 1;
      return {
        id: hit.id,
        score: hit.score,
        matchedTerms,
        ...(hit.bm25 ? { bm25: hit.bm25.score } : {}),
        ...(hit.dense ? { cosine: hit.dense.score } : {}),
      };
    });
  }
}

/** What a memory is found by: its text and its tags. */
function searchText(record: MemoryRecord): string {
  return record.tags.length > 0 ? `${record.text}\n${record.tags.join(' ')}` : record.text;
}
