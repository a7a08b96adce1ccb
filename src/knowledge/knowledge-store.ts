/**
 * Knowledge bases, their documents and chunks in IndexedDB. Every change that touches several
 * records is one transaction: a document appears with all its chunks or not at all, and deleting
 * a base leaves no orphan documents or chunks behind.
 */
import { TabagentError } from '../core/errors';
import {
  requestAll,
  toStorageError,
  writeTransaction,
  type KnowledgeBaseRecord,
  type KnowledgeChunkRecord,
  type KnowledgeDocumentRecord,
  type TabagentDb,
} from '../store';

async function read<T>(action: string, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    throw toStorageError(error, action);
  }
}

/** Every knowledge base, oldest first. */
export function listBases(db: TabagentDb): Promise<KnowledgeBaseRecord[]> {
  return read('load the knowledge bases', async () => {
    const bases = await db.getAll('knowledgeBases');
    return bases.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
  });
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new TabagentError('config', 'Give the knowledge base a name.');
  return trimmed;
}

/** Creates an empty knowledge base. Throws 'config' for a blank name. */
export async function createBase(db: TabagentDb, name: string, now = Date.now()): Promise<KnowledgeBaseRecord> {
  const record: KnowledgeBaseRecord = { id: crypto.randomUUID(), name: checkedName(name), createdAt: now, updatedAt: now };
  await writeTransaction(db, ['knowledgeBases'], () => `create the knowledge base "${record.name}"`, async (tx) => {
    await tx.objectStore('knowledgeBases').add(record);
  });
  return record;
}

/** Renames a knowledge base. Throws 'config' for a blank name, 'storage' when it no longer exists. */
export async function renameBase(db: TabagentDb, id: string, name: string, now = Date.now()): Promise<KnowledgeBaseRecord> {
  const trimmed = checkedName(name);
  return writeTransaction(db, ['knowledgeBases'], () => 'rename the knowledge base', async (tx) => {
    const store = tx.objectStore('knowledgeBases');
    const record = await store.get(id);
    if (!record) throw new Error('This knowledge base no longer exists.');
    const renamed = { ...record, name: trimmed, updatedAt: now };
    await store.put(renamed);
    return renamed;
  });
}

/** Deletes a knowledge base with all its documents and chunks (cached vectors stay: they are keyed by text). */
export async function deleteBase(db: TabagentDb, id: string): Promise<void> {
  await writeTransaction(db, ['knowledgeBases', 'knowledgeDocuments', 'knowledgeChunks'], () => 'delete the knowledge base', async (tx) => {
    const documents = tx.objectStore('knowledgeDocuments');
    const chunks = tx.objectStore('knowledgeChunks');
    const documentIds = await documents.index('by-base').getAllKeys(id);
    const chunkKeys = (await requestAll(documentIds.map((documentId) => () => chunks.index('by-document').getAllKeys(documentId)))).flat();
    await requestAll([
      ...chunkKeys.map((key) => () => chunks.delete(key)),
      ...documentIds.map((key) => () => documents.delete(key)),
      () => tx.objectStore('knowledgeBases').delete(id),
    ]);
  });
}

/** The documents of a base, in the order they were added. */
export function listDocuments(db: TabagentDb, baseId: string): Promise<KnowledgeDocumentRecord[]> {
  return read('load the documents', async () => {
    const documents = await db.getAllFromIndex('knowledgeDocuments', 'by-base', baseId);
    return documents.sort((a, b) => a.createdAt - b.createdAt || a.title.localeCompare(b.title));
  });
}

/** The document of `baseId` with this content hash, if it was added before. */
export async function findDocumentByHash(db: TabagentDb, baseId: string, contentHash: string): Promise<KnowledgeDocumentRecord | undefined> {
  const documents = await listDocuments(db, baseId);
  return documents.find((document) => document.contentHash === contentHash);
}

/** Stores a document and all its chunks in one transaction. Throws 'storage' (reason 'quota' when full). */
export async function saveDocument(db: TabagentDb, document: KnowledgeDocumentRecord, chunks: readonly KnowledgeChunkRecord[]): Promise<void> {
  await writeTransaction(db, ['knowledgeBases', 'knowledgeDocuments', 'knowledgeChunks'], () => `save "${document.title}"`, async (tx) => {
    const base = await tx.objectStore('knowledgeBases').get(document.knowledgeBaseId);
    if (!base) throw new Error('Its knowledge base was deleted.');
    const chunkStore = tx.objectStore('knowledgeChunks');
    await requestAll([
      () => tx.objectStore('knowledgeDocuments').add(document),
      ...chunks.map((chunk) => () => chunkStore.add(chunk)),
      () => tx.objectStore('knowledgeBases').put({ ...base, updatedAt: Math.max(base.updatedAt, document.createdAt) }),
    ]);
  });
}

/** Deletes a document and its chunks in one transaction. */
export async function deleteDocument(db: TabagentDb, documentId: string): Promise<void> {
  await writeTransaction(db, ['knowledgeDocuments', 'knowledgeChunks'], () => 'delete the document', async (tx) => {
    const chunks = tx.objectStore('knowledgeChunks');
    const keys = await chunks.index('by-document').getAllKeys(documentId);
    await requestAll([...keys.map((key) => () => chunks.delete(key)), () => tx.objectStore('knowledgeDocuments').delete(documentId)]);
  });
}

/** The documents of several bases and all their chunks, read in one transaction (a consistent snapshot). */
export function readBases(
  db: TabagentDb,
  baseIds: readonly string[],
): Promise<{ documents: KnowledgeDocumentRecord[]; chunks: KnowledgeChunkRecord[] }> {
  return read('load the knowledge bases', async () => {
    const tx = db.transaction(['knowledgeDocuments', 'knowledgeChunks']);
    const byBase = tx.objectStore('knowledgeDocuments').index('by-base');
    const documents = (await requestAll(baseIds.map((id) => () => byBase.getAll(id)))).flat();
    const byDocument = tx.objectStore('knowledgeChunks').index('by-document');
    const chunks = (await requestAll(documents.map((document) => () => byDocument.getAll(document.id)))).flat();
    return { documents, chunks };
  });
}

/** The documents of several bases (cheap: no chunks), to tell whether anything changed. */
export function documentsOfBases(db: TabagentDb, baseIds: readonly string[]): Promise<KnowledgeDocumentRecord[]> {
  return read('load the knowledge bases', async () => {
    const byBase = db.transaction('knowledgeDocuments').store.index('by-base');
    return (await requestAll(baseIds.map((id) => () => byBase.getAll(id)))).flat();
  });
}

/** Every chunk of a base (to embed the ones without a vector). */
export function chunksOfBase(db: TabagentDb, baseId: string): Promise<KnowledgeChunkRecord[]> {
  return readBases(db, [baseId]).then(({ chunks }) => chunks);
}
