import type { KnowledgeRetriever, KnowledgeRetrieverOptions } from '../../knowledge/knowledge-retriever';

/**
 * A knowledge retriever whose code (BM25, vector indexes, the knowledge store) loads on the first
 * search, not with the app shell: most sessions never search a knowledge base. The one retriever
 * it creates is kept, so its indexes are reused across turns as before.
 */
export function createLazyKnowledgeRetriever(options: KnowledgeRetrieverOptions = {}): KnowledgeRetriever {
  let retriever: Promise<KnowledgeRetriever> | undefined;
  const load = (): Promise<KnowledgeRetriever> => {
    if (retriever) return retriever;
    const loading = import('../../knowledge/knowledge-retriever').then((module) => module.createKnowledgeRetriever(options));
    // A failed download (offline before the chunk was cached) is tried again on the next search.
    loading.catch(() => {
      if (retriever === loading) retriever = undefined;
    });
    retriever = loading;
    return loading;
  };
  return {
    search: async (db, baseIds, query, k, signal) => (await load()).search(db, baseIds, query, k, signal),
  };
}
