import type { Embedder } from '../../embed/types';
import {
  ACCEPTED_FILE_TYPES,
  createBase,
  deleteBase,
  deleteDocument,
  embedMissingChunks,
  ingestDocument,
  listBases,
  listDocuments,
  renameBase,
  type DocumentInput,
  type IngestOptions,
  type IngestResult,
} from '../../knowledge';
import type { KnowledgeBaseRecord, KnowledgeDocumentRecord, TabagentDb } from '../../store';

/** The file types a knowledge base takes (the file picker's `accept`). */
export const ACCEPTED_DOCUMENT_TYPES: string = ACCEPTED_FILE_TYPES;

/** A knowledge base with its documents. */
export interface KnowledgeBaseView {
  base: KnowledgeBaseRecord;
  documents: KnowledgeDocumentRecord[];
}

/** The knowledge-base use cases the Knowledge page calls. */
export interface KnowledgeService {
  /** Every base with its documents. */
  list(): Promise<KnowledgeBaseView[]>;
  create(name: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  removeDocument(documentId: string): Promise<void>;
  /** Reads, chunks and (with the embedding model loaded) embeds one document into a base. */
  ingest(baseId: string, input: DocumentInput, options: Pick<IngestOptions, 'signal' | 'onProgress'>): Promise<IngestResult>;
  /** Embeds a base's passages that have no vector yet; false when no embedding model is loaded. */
  embedMissing(baseId: string, options: Pick<IngestOptions, 'signal' | 'onProgress'>): Promise<boolean>;
}

/** Knowledge bases over the database `openDatabase` opens, embedding with `embedder()` when it has one. */
export function createKnowledgeService(openDatabase: () => Promise<TabagentDb>, embedder: () => Embedder | undefined): KnowledgeService {
  return {
    async list() {
      const db = await openDatabase();
      const bases = await listBases(db);
      return Promise.all(bases.map(async (base) => ({ base, documents: await listDocuments(db, base.id) })));
    },
    async create(name) {
      await createBase(await openDatabase(), name);
    },
    async rename(id, name) {
      await renameBase(await openDatabase(), id, name);
    },
    async remove(id) {
      await deleteBase(await openDatabase(), id);
    },
    async removeDocument(documentId) {
      await deleteDocument(await openDatabase(), documentId);
    },
    async ingest(baseId, input, options) {
      const current = embedder();
      return ingestDocument(await openDatabase(), baseId, input, { ...(current ? { embedder: current } : {}), ...options });
    },
    async embedMissing(baseId, options) {
      const current = embedder();
      if (!current) return false;
      await embedMissingChunks(await openDatabase(), baseId, current, options);
      return true;
    },
  };
}
