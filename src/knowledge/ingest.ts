/**
 * Adds one document to a knowledge base: read → extract → chunk → embed (when the embedding model
 * is loaded) → store. Re-adding a document whose bytes are unchanged is a no-op.
 */
import { throwIfAborted } from '../core/abort';
import { TabagentError } from '../core/errors';
import { embeddingTextHash } from '../embed/cached-embedder';
import type { Embedder } from '../embed/types';
import { getVectors, type KnowledgeChunkRecord, type KnowledgeDocumentRecord, type TabagentDb } from '../store';
import { chunkDocument, type ChunkOptions } from './chunk';
import { extractDocument, type DocumentInput } from './extract';
import { chunksOfBase, findDocumentByHash, saveDocument } from './knowledge-store';

/** Where an ingestion stands; `done`/`total` count chunks while embedding. */
export interface IngestProgress {
  phase: 'reading' | 'embedding' | 'saving';
  done: number;
  total: number;
}

export interface IngestOptions {
  /** Embeds the chunks now (the cached embedder stores the vectors); absent: keyword search only until later. */
  embedder?: Embedder;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
  chunking?: Partial<ChunkOptions>;
  now?: number;
}

export type IngestResult =
  | { status: 'added'; document: KnowledgeDocumentRecord }
  /** The same bytes are in this base already: nothing was changed. */
  | { status: 'unchanged'; document: KnowledgeDocumentRecord };

/** Chunks embedded per call: progress moves and Stop is honoured between batches. */
const EMBED_BATCH = 16;

/** SHA-256 of the bytes, as hex: the identity of a document's content. */
export async function contentHash(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Embeds `texts` as passages in batches, reporting each batch. */
async function embedAll(
  embedder: Embedder,
  texts: readonly string[],
  onProgress: ((progress: IngestProgress) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  onProgress?.({ phase: 'embedding', done: 0, total: texts.length });
  for (let start = 0; start < texts.length; start += EMBED_BATCH) {
    throwIfAborted(signal);
    await embedder.embed(texts.slice(start, start + EMBED_BATCH), 'passage', signal);
    onProgress?.({ phase: 'embedding', done: Math.min(texts.length, start + EMBED_BATCH), total: texts.length });
  }
}

/**
 * Adds `input` to the base. Throws TabagentError: 'invalid-file' (unreadable, or no text in it),
 * 'aborted', 'storage'; an embedding failure is thrown too (nothing is stored then).
 */
export async function ingestDocument(db: TabagentDb, baseId: string, input: DocumentInput, options: IngestOptions = {}): Promise<IngestResult> {
  const { signal, onProgress } = options;
  onProgress?.({ phase: 'reading', done: 0, total: 0 });
  const hash = await contentHash(input.bytes);
  const existing = await findDocumentByHash(db, baseId, hash);
  if (existing) return { status: 'unchanged', document: existing };

  const extracted = await extractDocument(input, signal);
  throwIfAborted(signal);
  const chunks = chunkDocument(extracted.blocks, options.chunking);
  if (chunks.length === 0) {
    const why = extracted.pageCount ? ' It may be a scanned PDF, whose pages are images: Tabagent reads only text.' : '';
    throw new TabagentError('invalid-file', `No text was found in "${input.name}".${why}`);
  }
  const documentId = crypto.randomUUID();
  const now = options.now ?? Date.now();
  const records: KnowledgeChunkRecord[] = await Promise.all(
    chunks.map(async (chunk) => ({
      id: `${documentId}:${chunk.ordinal}`,
      documentId,
      ordinal: chunk.ordinal,
      text: chunk.text,
      // The vector cache's key for this text as a passage: the chunk finds its vector by it.
      textHash: await embeddingTextHash(chunk.text, 'passage'),
      start: chunk.start,
      end: chunk.end,
      ...(chunk.page === undefined ? {} : { page: chunk.page }),
      ...(chunk.heading === undefined ? {} : { heading: chunk.heading }),
    })),
  );
  if (options.embedder) await embedAll(options.embedder, records.map((record) => record.text), onProgress, signal);
  throwIfAborted(signal);
  onProgress?.({ phase: 'saving', done: 0, total: 0 });
  const document: KnowledgeDocumentRecord = {
    id: documentId,
    knowledgeBaseId: baseId,
    title: input.title?.trim() || extracted.title?.trim() || input.name,
    source: input.name,
    mimeType: input.mimeType,
    sizeBytes: input.bytes.byteLength,
    contentHash: hash,
    chunkCount: records.length,
    createdAt: now,
  };
  await saveDocument(db, document, records);
  return { status: 'added', document };
}

/**
 * Embeds every chunk of the base that has no vector from `embedder` yet (documents added before
 * the embedding model was loaded). Returns how many were embedded.
 */
export async function embedMissingChunks(
  db: TabagentDb,
  baseId: string,
  embedder: Embedder,
  options: Pick<IngestOptions, 'onProgress' | 'signal'> = {},
): Promise<number> {
  const chunks = await chunksOfBase(db, baseId);
  const found = await getVectors(db, embedder.id, [...new Set(chunks.map((chunk) => chunk.textHash))]);
  const missing = chunks.filter((chunk) => !found.has(chunk.textHash));
  if (missing.length === 0) return 0;
  await embedAll(embedder, missing.map((chunk) => chunk.text), options.onProgress, options.signal);
  return missing.length;
}
