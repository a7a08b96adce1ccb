/** PDF ingestion through the real pdf.js (its worker served from our build), PDFs written by pdf-lib. */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { extractPdf } from '../../../src/knowledge/extract-pdf';
import { createBase, createKnowledgeRetriever, ingestDocument, listDocuments, readBases } from '../../../src/knowledge';
import { openTabagentDb, type TabagentDb } from '../../../src/store';
import { filler, makePdf } from './documents';

const DB_NAME = 'tabagent-knowledge-pdf-test';
let db: TabagentDb | undefined;

afterEach(async () => {
  db?.close();
  db = undefined;
  await deleteDB(DB_NAME);
});

const pages = [
  { heading: 'Quorium handbook', paragraphs: ['Quorium is a fictional metal used in these tests.', filler('mining', 6)] },
  { heading: 'Physical properties', paragraphs: ['Quorium boils at 4182 kelvin under standard pressure.', filler('storage', 5)] },
  { paragraphs: ['Appendix: the shipping crates are painted teal.'] },
];

describe('extractPdf', () => {
  it('reads each page with its number, large lines as headings, paragraphs rejoined', async () => {
    const bytes = await makePdf(pages, 'Quorium Handbook');
    const document = await extractPdf(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(document.title).toBe('Quorium Handbook');
    expect(document.pageCount).toBe(3);
    expect(document.blocks[0]).toEqual({ kind: 'heading', level: 2, text: 'Quorium handbook', page: 1 });
    expect(document.blocks).toContainEqual({ kind: 'heading', level: 2, text: 'Physical properties', page: 2 });
    expect(document.blocks).toContainEqual({ kind: 'paragraph', text: 'Quorium boils at 4182 kelvin under standard pressure.', page: 2 });
    expect(document.blocks).toContainEqual({ kind: 'paragraph', text: 'Appendix: the shipping crates are painted teal.', page: 3 });
    // A wrapped paragraph comes back as one paragraph, words intact.
    const mining = document.blocks.find((block) => block.text.startsWith('Note 0 about mining'));
    expect(mining?.text).toBe(filler('mining', 6));
    expect(mining?.page).toBe(1);
    // pdf.js's worker comes from our own server (the build's copy), never a CDN; nothing else is fetched elsewhere.
    const { GlobalWorkerOptions } = await import('pdfjs-dist');
    const worker = new URL(GlobalWorkerOptions.workerSrc, location.href);
    expect(worker.origin).toBe(location.origin);
    expect(worker.pathname).toMatch(/pdf\.worker(\.min)?\.mjs$/);
    const foreign = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).origin !== location.origin);
    expect(foreign.map((entry) => entry.name)).toEqual([]);
  });

  it('a damaged file is a clear error', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf');
    await expect(extractPdf(bytes.buffer as ArrayBuffer)).rejects.toMatchObject({ code: 'invalid-file', message: expect.stringMatching(/could not be read as a PDF/) });
  });
});

describe('ingesting a PDF', () => {
  it('stores chunks with page numbers, finds the page-2 fact, and ignores an unchanged re-add', async () => {
    db = await openTabagentDb({ name: DB_NAME });
    const base = await createBase(db, 'Metals');
    const bytes = await makePdf(pages);
    const input = { name: 'quorium.pdf', mimeType: 'application/pdf', bytes: bytes.slice().buffer as ArrayBuffer };
    const first = await ingestDocument(db, base.id, input);
    expect(first.status).toBe('added');
    expect(first.document).toMatchObject({ title: 'quorium.pdf', source: 'quorium.pdf', mimeType: 'application/pdf', sizeBytes: bytes.byteLength });
    const { chunks } = await readBases(db, [base.id]);
    expect(chunks.map((chunk) => chunk.page)).toEqual([1, 2, 3]);
    expect(chunks[1]).toMatchObject({ heading: 'Physical properties' });
    expect(chunks[1]!.text).toMatch(/^Physical properties\n\nQuorium boils at 4182 kelvin/);

    const retriever = createKnowledgeRetriever();
    const [best] = await retriever.search(db, [base.id], 'At what temperature does quorium boil?', 3);
    expect(best?.chunk.page).toBe(2);
    expect(best?.foundBy).toEqual(['bm25']);

    const again = await ingestDocument(db, base.id, { ...input, name: 'renamed copy.pdf' });
    expect(again).toEqual({ status: 'unchanged', document: first.document });
    expect(await listDocuments(db, base.id)).toHaveLength(1);
  });
});
