/** The knowledge base as a turn's context provider: retrieved chunks quoted as numbered, untrusted sections. */
import type { ContextProvider, ContextSection } from '../core/agent/turn-context';
import type { KnowledgeChunkRecord, KnowledgeDocumentRecord, TabagentDb } from '../store';
import type { KnowledgeRetriever } from './knowledge-retriever';

/** Passages quoted per turn: enough to answer from, few enough for a small model's context. */
export const DEFAULT_PASSAGES_PER_TURN = 4;

/** How a passage is named to the model and in citations: "<document> — p. N", "<document> — <heading>", or the document. */
export function citationTitle(document: Pick<KnowledgeDocumentRecord, 'title'>, chunk: Pick<KnowledgeChunkRecord, 'page' | 'heading'>): string {
  if (chunk.page !== undefined) return `${document.title} — p. ${chunk.page}`;
  if (chunk.heading !== undefined && chunk.heading !== '') return `${document.title} — ${chunk.heading}`;
  return document.title;
}

export interface KnowledgeContextOptions {
  retriever: KnowledgeRetriever;
  openDatabase: () => Promise<TabagentDb>;
  /** The knowledge bases the conversation draws on (read at each turn). */
  baseIds: () => readonly string[];
  /** Passages per turn. Default 4. */
  k?: number;
}

/**
 * Retrieves the best chunks of the conversation's knowledge bases for each turn. Sections are
 * of kind 'knowledge', marked untrusted (document text may hold injected instructions), titled for
 * citation, with the chunk id as `ref`.
 */
export function createKnowledgeContext(options: KnowledgeContextOptions): ContextProvider {
  return async (query) => {
    const baseIds = options.baseIds();
    if (baseIds.length === 0) return [];
    const db = await options.openDatabase();
    const passages = await options.retriever.search(db, baseIds, query.parts, options.k ?? DEFAULT_PASSAGES_PER_TURN, query.signal);
    return passages.map(
      ({ chunk, document, score }): ContextSection => ({
        kind: 'knowledge',
        title: citationTitle(document, chunk),
        text: chunk.text,
        untrusted: true,
        ref: chunk.id,
        score,
      }),
    );
  };
}
