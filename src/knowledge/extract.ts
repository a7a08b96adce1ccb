/** Picks the reader for a file by its name and type, and turns it into blocks. */
import { TabagentError } from '../core/errors';
import { extractMarkdown, extractPlainText } from './extract-text';
import type { DocumentFormat, ExtractedDocument } from './types';

/** A file (or pasted text) to add. */
export interface DocumentInput {
  /** File name, shown in citations when the document has no title of its own. */
  name: string;
  mimeType: string;
  bytes: ArrayBuffer;
  /** A title the person gave (pasted text), preferred over the document's own. */
  title?: string;
}

/** The file types the "Add documents" input accepts. */
export const ACCEPTED_FILE_TYPES = '.txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf';

/** The format of a file, from its extension first (browsers often report Markdown as ''), then its type. */
export function formatOf(name: string, mimeType: string): DocumentFormat | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (extension) {
    case 'pdf':
      return 'pdf';
    case 'html':
    case 'htm':
    case 'xhtml':
      return 'html';
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'txt':
    case 'text':
      return 'text';
  }
  if (mimeType === 'application/pdf') return 'pdf';
  if (mimeType === 'text/html' || mimeType === 'application/xhtml+xml') return 'html';
  if (mimeType === 'text/markdown') return 'markdown';
  if (mimeType.startsWith('text/')) return 'text';
  return undefined;
}

/** The blocks of a document. Throws TabagentError('invalid-file') for a type it cannot read. */
export async function extractDocument(input: DocumentInput, signal?: AbortSignal): Promise<ExtractedDocument> {
  const format = formatOf(input.name, input.mimeType);
  if (format === undefined) {
    throw new TabagentError('invalid-file', `"${input.name}" is not a kind of file Tabagent can read. Add .txt, .md, .html or .pdf files.`);
  }
  if (format === 'pdf') {
    // Loaded on the first PDF only: pdf.js is large.
    const { extractPdf } = await import('./extract-pdf');
    return extractPdf(input.bytes, signal);
  }
  const text = new TextDecoder('utf-8').decode(input.bytes);
  if (format === 'html') {
    const { extractHtml } = await import('./extract-html');
    return extractHtml(text);
  }
  return format === 'markdown' ? extractMarkdown(text) : extractPlainText(text);
}
