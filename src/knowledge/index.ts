/**
 * The knowledge base: documents the person adds (.txt, .md, .html, .pdf, pasted text), split into
 * chunks that know their page or heading, searched by BM25 and (when the embedding model is
 * loaded) by meaning, and quoted into each turn's prompt for the answer to cite.
 */
export { chunkDocument, DEFAULT_CHUNK_OPTIONS, documentText, textSize, type ChunkOptions } from './chunk';
export { ACCEPTED_FILE_TYPES, extractDocument, formatOf, type DocumentInput } from './extract';
export { extractMarkdown, extractPlainText } from './extract-text';
export { contentHash, embedMissingChunks, ingestDocument, type IngestOptions, type IngestProgress, type IngestResult } from './ingest';
export {
  chunksOfBase,
  createBase,
  deleteBase,
  deleteDocument,
  documentsOfBases,
  listBases,
  listDocuments,
  readBases,
  renameBase,
} from './knowledge-store';
export { createKnowledgeRetriever, type KnowledgeRetriever, type KnowledgeRetrieverOptions, type RetrievedPassage } from './knowledge-retriever';
export { citationTitle, createKnowledgeContext, DEFAULT_PASSAGES_PER_TURN, type KnowledgeContextOptions } from './context-provider';
export type { DocumentChunk, DocumentFormat, ExtractedDocument, TextBlock } from './types';
