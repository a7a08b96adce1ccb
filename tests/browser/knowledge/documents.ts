/** Test documents written by the tests themselves: PDFs with pdf-lib, HTML pages, as Files. */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface PdfPage {
  heading?: string;
  paragraphs: string[];
}

/** A PDF whose pages hold a large heading and wrapped 11-pt paragraphs, like a typical report. */
export async function makePdf(pages: readonly PdfPage[], title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (title) pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (const content of pages) {
    const page = pdf.addPage([595, 842]);
    let y = 780;
    if (content.heading) {
      page.drawText(content.heading, { x: 50, y, size: 20, font: bold });
      y -= 36;
    }
    for (const paragraph of content.paragraphs) {
      let line = '';
      const lines: string[] = [];
      for (const word of paragraph.split(' ')) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (font.widthOfTextAtSize(candidate, 11) > 495 && line !== '') {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      if (line) lines.push(line);
      for (const text of lines) {
        page.drawText(text, { x: 50, y, size: 11, font });
        y -= 14;
      }
      y -= 14;
    }
  }
  return pdf.save();
}

/** A File as the file input hands it over. */
export function fileOf(bytes: Uint8Array | string, name: string, type: string): File {
  const part: BlobPart = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
  return new File([part], name, { type });
}

/** Filler sentences on a topic, so that chunks have realistic sizes. */
export function filler(topic: string, count: number): string {
  return Array.from({ length: count }, (_, index) => `Note ${index} about ${topic} repeats general background that answers nothing specific.`).join(' ');
}
