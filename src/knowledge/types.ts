/** The shapes knowledge ingestion passes between its steps: extracted blocks, then chunks. */

/** One block of a document's text, in reading order. `page` is 1-based (PDFs only). */
export type TextBlock =
  | { kind: 'heading'; level: number; text: string; page?: number }
  | { kind: 'paragraph'; text: string; page?: number };

/** A document's text as extraction found it. */
export interface ExtractedDocument {
  /** The document's own title (HTML <title>, PDF metadata, first heading), when it has one. */
  title?: string;
  blocks: TextBlock[];
  /** How many pages a PDF has. */
  pageCount?: number;
}

/** One retrievable piece of a document. */
export interface DocumentChunk {
  /** Position in the document, from 0. */
  ordinal: number;
  /** Exactly `documentText(blocks).slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  page?: number;
  /** The nearest heading above the chunk (or opening it). */
  heading?: string;
}

/** The kinds of input the knowledge base reads. */
export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf';
