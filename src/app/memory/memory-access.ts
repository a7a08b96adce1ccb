import type { MemoryRepository } from '../../memory';
import type { TabagentDb } from '../../store';
import type { EmbeddingService } from '../embedding/embedding-service';

/**
 * The memory repository over whichever database connection `openDatabase` gives (a new
 * connection, after a schema upgrade in another tab, gets a new repository). Dense search uses the
 * shared embedding model only while it is loaded; otherwise memories are found by keywords.
 * The repository's code (search, indexes, the embedding vector cache) loads on first use, not
 * with the app shell.
 */
export function createMemoryAccess(
  openDatabase: () => Promise<TabagentDb>,
  embedding: () => EmbeddingService | undefined = () => undefined,
): () => Promise<MemoryRepository> {
  let current: { db: TabagentDb; repository: MemoryRepository } | undefined;
  return async () => {
    const [db, { MemoryRepository }] = await Promise.all([openDatabase(), import('../../memory/memory-repository')]);
    if (current?.db !== db) current = { db, repository: new MemoryRepository(db, { embedder: () => embedding()?.current() }) };
    return current.repository;
  };
}
