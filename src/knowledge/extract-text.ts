/** Plain text and Markdown to blocks: paragraphs at blank lines, Markdown headings as headings. */
import type { ExtractedDocument, TextBlock } from './types';

/** Unifies line ends and drops characters that only confuse search (NUL, byte-order marks). */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replaceAll('\u0000', '').replaceAll('\ufeff', '');
}

/** Paragraphs of plain text: runs of non-blank lines. Line breaks inside a paragraph are kept. */
export function extractPlainText(text: string): ExtractedDocument {
  const blocks: TextBlock[] = normalizeNewlines(text)
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/^\s+|\s+$/g, ''))
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => ({ kind: 'paragraph', text: paragraph }));
  return { blocks };
}

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Markdown to blocks: ATX (`## Title`) and setext (underlined) headings become headings; fenced
 * code stays one paragraph with its blank lines (a `#` inside it is code, not a heading); other
 * text is split into paragraphs at blank lines. Inline markup is kept as written.
 */
export function extractMarkdown(text: string): ExtractedDocument {
  const lines = normalizeNewlines(text).split('\n');
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let fence: string | undefined;
  const flush = (): void => {
    const joined = paragraph.join('\n').trim();
    if (joined !== '') blocks.push({ kind: 'paragraph', text: joined });
    paragraph = [];
  };
  for (const line of lines) {
    if (fence !== undefined) {
      paragraph.push(line);
      if (line.trim().startsWith(fence)) {
        fence = undefined;
        flush();
      }
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      flush();
      fence = opening[1]!;
      paragraph.push(line);
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      flush();
      const title = atx[2]!.trim();
      if (title !== '') blocks.push({ kind: 'heading', level: atx[1]!.length, text: title });
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    // A setext underline turns the one-line paragraph above it into a heading; after a longer
    // paragraph, or on its own, it is a rule, which ends the paragraph and holds no text.
    if (underline && paragraph.length === 1) {
      blocks.push({ kind: 'heading', level: underline[1]!.startsWith('=') ? 1 : 2, text: paragraph[0]!.trim() });
      paragraph = [];
      continue;
    }
    if (underline || THEMATIC_BREAK.test(line)) {
      flush();
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  const first = blocks.find((block) => block.kind === 'heading' && block.level === 1);
  return first ? { title: first.text, blocks } : { blocks };
}
