/**
 * Hybrid search over the chunks of some knowledge bases: BM25 always, dense vectors when the
 * embedding model is loaded, fused by reciprocal rank. The indexes live in memory and are rebuilt
 * only when the bases' documents change (IndexedDB is read to notice that, never during a search).
 */
import { getVectors, type KnowledgeChunkRecord, type KnowledgeDocumentRecord, type TabagentDb } from '../store';
import type { Embedder } from '../embed/types';
import { Bm25Index, createVectorIndex, embedQuery, queryParts, reciprocalRankFusion, type RetrievalQuery, type VectorIndex } from '../retrieval';
import { documentsOfBases, readBases } from './knowledge-store';

/** One retrieved chunk with its document and how it was found. */
export interface RetrievedPassage {
  chunk: KnowledgeChunkRecord;
  document: KnowledgeDocumentRecord;
  /** Fused score (higher is better). */
  score: number;
  /** The retrievers that found it. */
  foundBy: ('dense' | 'bm25')[];
}

export interface KnowledgeRetrieverOptions {
  /** The loaded embedder, when there is one; the retriever never loads it. */
  embedder?: () => Embedder | undefined;
  /** How many hits each retriever contributes to the fusion. Default 20. */
  candidates?: number;
}

export interface KnowledgeRetriever {
  /**
   * The best `k` chunks of the bases for `query`, best first ([] when no base is given or nothing
   * matches). A query in parts lets the newest message decide and the earlier one break ties.
   */
  search(db: TabagentDb, baseIds: readonly string[], query: RetrievalQuery, k: number, signal?: AbortSignal): Promise<RetrievedPassage[]>;
}

/** The indexes of one set of bases as they were when built. */
interface Snapshot {
  db: TabagentDb;
  signature: string;
  chunks: Map<string, KnowledgeChunkRecord>;
  documents: Map<string, KnowledgeDocumentRecord>;
  bm25: Bm25Index;
  dense?: { embedderId: string; index: VectorIndex; missing: Set<string> };
}

/** Changes whenever a document is added to or removed from one of the bases. */
function signatureOf(baseIds: readonly string[], documents: readonly KnowledgeDocumentRecord[]): string {
  const ids = documents.map((document) => `${document.id}:${document.chunkCount}`).sort();
  return `${[...baseIds].sort().join(',')}|${ids.join(',')}`;
}

/** Adds the vectors of `chunkIds` that the cache holds; returns the ids still without one. */
async function addVectors(db: TabagentDb, snapshot: Snapshot, embedder: Embedder, index: VectorIndex, chunkIds: Iterable<string>): Promise<Set<string>> {
  const wanted = [...chunkIds].map((id) => snapshot.chunks.get(id)!);
  const found = await getVectors(db, embedder.id, [...new Set(wanted.map((chunk) => chunk.textHash))]);
  const missing = new Set<string>();
  for (const chunk of wanted) {
    const vector = found.get(chunk.textHash);
    if (vector && vector.length === index.dim) index.add(chunk.id, vector);
    else missing.add(chunk.id);
  }
  return missing;
}

/** Creates a retriever; keep one per session so its indexes are reused across turns. */
export function createKnowledgeRetriever(options: KnowledgeRetrieverOptions = {}): KnowledgeRetriever {
  const candidates = options.candidates ?? 20;
  let snapshot: Snapshot | undefined;

  async function current(db: TabagentDb, baseIds: readonly string[]): Promise<Snapshot> {
    const documents = await documentsOfBases(db, baseIds);
    const signature = signatureOf(baseIds, documents);
    if (snapshot && snapshot.db === db && snapshot.signature === signature) return snapshot;
    const read = await readBases(db, baseIds);
    const byId = new Map(read.documents.map((document) => [document.id, document]));
    const bm25 = new Bm25Index();
    for (const chunk of read.chunks) {
      // The title and heading are searched too: a question may name the document or its section.
      const document = byId.get(chunk.documentId);
      bm25.add(chunk.id, [document?.title ?? '', chunk.heading ?? '', chunk.text].join('\n'));
    }
    snapshot = { db, signature, chunks: new Map(read.chunks.map((chunk) => [chunk.id, chunk])), documents: byId, bm25 };
    return snapshot;
  }

  /** The dense index for `embedder`, completed with vectors embedded since it was built. */
  async function denseIndex(db: TabagentDb, state: Snapshot, embedder: Embedder): Promise<VectorIndex> {
    if (!state.dense || state.dense.embedderId !== embedder.id) {
      const index = createVectorIndex(embedder.dimensions, state.chunks.size);
      const missing = await addVectors(db, state, embedder, index, state.chunks.keys());
      state.dense = { embedderId: embedder.id, index, missing };
    } else if (state.dense.missing.size > 0) {
      state.dense.missing = await addVectors(db, state, embedder, state.dense.index, state.dense.missing);
    }
    return state.dense.index;
  }

  return {
    async search(db, baseIds, query, k, signal) {
      const { latest, earlier } = queryParts(query);
      if (baseIds.length === 0 || `${latest}${earlier ?? ''}`.trim() === '' || k <= 0) return [];
      const state = await current(db, baseIds);
      if (state.chunks.size === 0) return [];
      const keyword = state.bm25.search(query, candidates);
      let dense: { id: string; score: number }[] = [];
      const embedder = options.embedder?.();
      if (embedder) {
        try {
          const index = await denseIndex(db, state, embedder);
          if (index.size > 0) {
            const vector = await embedQuery((texts, kind, stop) => embedder.embed(texts, kind, stop), query, signal);
            if (vector) dense = index.search(vector, candidates);
          }
        } catch (error) {
          // Keyword results still answer; only a stop is passed on.
          if (signal?.aborted) throw error;
        }
      }
      return reciprocalRankFusion(dense, keyword)
        .slice(0, k)
        .flatMap((hit): RetrievedPassage[] => {
          const chunk = state.chunks.get(hit.id);
          const document = chunk && state.documents.get(chunk.documentId);
          if (!chunk || !document) return [];
          const foundBy: ('dense' | 'bm25')[] = [];
          if (hit.dense) foundBy.push('dense');
          if (hit.bm25) foundBy.push('bm25');
          return [{ chunk, document, score: hit.score, foundBy }];
        });
    },
  };
}
