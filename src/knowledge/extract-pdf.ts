/**
 * PDF to blocks with pdf.js. Parsing runs in pdf.js's own worker, whose file is served from our
 * build (a Vite `?url` asset), never from a CDN; pdf.js and its worker load on the first PDF only.
 * No eval, no font faces: the document is read for its text, never rendered.
 */
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { throwIfAborted } from '../core/abort';
import { TabagentError } from '../core/errors';
import { pageBlocks, type PositionedText } from './pdf-layout';
import type { ExtractedDocument, TextBlock } from './types';

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item;
}

let configured: Promise<typeof import('pdfjs-dist')> | undefined;

/** pdf.js, with its worker pointed at the copy in our build. */
function loadPdfJs(): Promise<typeof import('pdfjs-dist')> {
  configured ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([pdfjs, worker]) => {
    pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
    return pdfjs;
  });
  configured.catch(() => (configured = undefined));
  return configured;
}

/**
 * The text of every page, page numbers kept. Throws TabagentError('invalid-file') for a file pdf.js
 * cannot read or that is password-protected, ('aborted') when `signal` fires.
 */
export async function extractPdf(data: ArrayBuffer, signal?: AbortSignal): Promise<ExtractedDocument> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js transfers the buffer to its worker; hand it a copy so the caller's stays usable.
    data: new Uint8Array(data.slice(0)),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const abort = (): void => void task.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const pdf = await task.promise;
    const blocks: TextBlock[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      throwIfAborted(signal);
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const items: PositionedText[] = content.items.filter(isTextItem).map((item) => ({
        text: item.str,
        x: Number(item.transform[4] ?? 0),
        y: Number(item.transform[5] ?? 0),
        width: item.width,
        height: item.height,
        endOfLine: item.hasEOL,
      }));
      blocks.push(...pageBlocks(items, number));
      page.cleanup();
    }
    const metadata = await pdf.getMetadata().catch(() => undefined);
    const info = (metadata?.info ?? {}) as { Title?: unknown };
    const title = typeof info.Title === 'string' ? info.Title.trim() : '';
    return { blocks, pageCount: pdf.numPages, ...(title === '' ? {} : { title }) };
  } catch (error) {
    throwIfAborted(signal);
    if (TabagentError.is(error)) throw error;
    const name = (error as { name?: unknown } | null)?.name;
    const message =
      name === 'PasswordException'
        ? 'This PDF is password-protected. Remove the password and add it again.'
        : 'This file could not be read as a PDF. It may be damaged.';
    throw new TabagentError('invalid-file', message, { cause: error, data: { detail: error instanceof Error ? error.message : String(error) } });
  } finally {
    signal?.removeEventListener('abort', abort);
    await task.destroy().catch(() => undefined);
  }
}
