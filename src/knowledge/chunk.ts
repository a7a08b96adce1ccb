/**
 * Splits a document's blocks into retrievable chunks that respect its structure: a chunk never
 * crosses a heading or a page, it is built from whole sentences of whole paragraphs, and
 * consecutive chunks of one section overlap by a sentence or two so that a passage cut in two is
 * still found whole in one of them.
 */
import type { DocumentChunk, TextBlock } from './types';

export interface ChunkOptions {
  /** A chunk closes once the next sentence would take it past this size (see `textSize`). */
  targetSize: number;
  /** No chunk is larger: a longer sentence is cut at whitespace (or anywhere, in CJK text). */
  maxSize: number;
  /** Trailing sentences of a chunk, up to this size, open the next chunk of the same section. */
  overlap: number;
  /** A section's last chunk smaller than this joins the one before it when both fit in `maxSize`. */
  minSize: number;
}

/**
 * ≈ 200 tokens of English per chunk (at most ≈ 300): well inside the 512 tokens an E5 or BGE
 * small model reads, and small enough that four passages fit a small model's prompt.
 */
export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { targetSize: 800, maxSize: 1200, overlap: 150, minSize: 200 };

/** Han, kana, hangul and CJK punctuation: about one token each, where Latin text runs ~4 characters a token. */
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

/** Size in "Latin characters": CJK characters count three, so a chunk holds a similar number of tokens in any script. */
export function textSize(text: string): number {
  return text.length + 2 * (text.match(CJK)?.length ?? 0);
}

/** The text every offset refers to: the blocks' texts, separated by blank lines. */
export function documentText(blocks: readonly TextBlock[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}

/** A sentence (or heading) of the document text: [start, end). */
interface Piece {
  start: number;
  end: number;
  heading: boolean;
}

/** Consecutive blocks under one heading on one page. */
interface Section {
  page: number | undefined;
  heading: string | undefined;
  pieces: Piece[];
  hasBody: boolean;
}

/** Ends of sentences: Latin punctuation before whitespace, CJK full stops anywhere, line breaks. */
const SENTENCE_END = /[.!?…]+["')\]]*(?=\s)|[。！？；]+|\n+/g;

/** Splits `text[start, end)` into sentences, each cut to `maxSize` at most. */
function sentences(text: string, start: number, end: number, maxSize: number): Piece[] {
  const pieces: Piece[] = [];
  const paragraph = text.slice(start, end);
  let from = 0;
  const push = (to: number): void => {
    // Trim whitespace at both ends, so offsets point at the sentence itself.
    let a = from;
    let b = to;
    while (a < b && /\s/.test(paragraph[a]!)) a += 1;
    while (b > a && /\s/.test(paragraph[b - 1]!)) b -= 1;
    if (b > a) pieces.push(...cut(text, start + a, start + b, maxSize));
  };
  for (const match of paragraph.matchAll(SENTENCE_END)) {
    const to = match.index + match[0].length;
    push(to);
    from = to;
  }
  push(paragraph.length);
  return pieces;
}

/** Cuts an over-long sentence into pieces of at most `maxSize`, preferring whitespace. */
function cut(text: string, start: number, end: number, maxSize: number): Piece[] {
  const pieces: Piece[] = [];
  let from = start;
  while (textSize(text.slice(from, end)) > maxSize) {
    // The longest prefix within maxSize (CJK characters weigh more, so walk rather than index).
    let to = from;
    let size = 0;
    while (to < end) {
      const weight = textSize(text[to]!);
      if (size + weight > maxSize) break;
      size += weight;
      to += 1;
    }
    const space = text.lastIndexOf(' ', to);
    // Cut at the last space in the second half of the window; otherwise wherever the window ends.
    const at = space > from + (to - from) / 2 ? space : to;
    pieces.push({ start: from, end: at, heading: false });
    from = at;
    while (from < end && /\s/.test(text[from]!)) from += 1;
  }
  if (from < end) pieces.push({ start: from, end, heading: false });
  return pieces;
}

/** Groups blocks into sections; a heading-only section (a chapter title straight before a subheading) joins the next. */
function sectionsOf(blocks: readonly TextBlock[], text: string, options: ChunkOptions): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let heading: string | undefined;
  let offset = 0;
  const open = (page: number | undefined): Section => {
    // Headings waiting for their body on the same page come along; on another page they are dropped
    // (still named by the chunks' `heading`), since a chunk never spans pages.
    const carried = current && !current.hasBody && current.page === page ? current.pieces : [];
    if (current?.hasBody) sections.push(current);
    current = { page, heading, pieces: [...carried], hasBody: false };
    return current;
  };
  for (const block of blocks) {
    const start = offset;
    const end = start + block.text.length;
    offset = end + 2;
    if (block.text.trim() === '') continue;
    if (block.kind === 'heading') {
      heading = block.text.trim();
      const section = current && !current.hasBody && current.page === block.page ? current : open(block.page);
      section.heading = heading;
      section.pieces.push(...cut(text, start, end, options.maxSize).map((piece) => ({ ...piece, heading: true })));
      continue;
    }
    const section = current && current.page === block.page ? current : open(block.page);
    section.pieces.push(...sentences(text, start, end, options.maxSize));
    section.hasBody = true;
  }
  if (current?.hasBody) sections.push(current);
  return sections;
}

/** Packs one section's pieces into chunks with overlap. */
function packSection(section: Section, text: string, options: ChunkOptions): Array<{ start: number; end: number }> {
  const size = (from: Piece, to: Piece): number => textSize(text.slice(from.start, to.end));
  const spans: Piece[][] = [];
  let current: Piece[] = [];
  // Pieces of `current` that are not overlap: a chunk is closed only once it holds something new.
  let fresh = 0;
  for (const piece of section.pieces) {
    if (fresh > 0 && size(current[0]!, piece) > options.targetSize) {
      spans.push(current);
      // The tail of the closed chunk (never all of it) opens the next one.
      const tail: Piece[] = [];
      for (let index = current.length - 1; index > 0; index -= 1) {
        const candidate = current[index]!;
        if (candidate.heading || size(candidate, current.at(-1)!) > options.overlap) break;
        tail.unshift(candidate);
      }
      while (tail.length > 0 && size(tail[0]!, piece) > options.maxSize) tail.shift();
      current = tail;
      fresh = 0;
    }
    current.push(piece);
    fresh += 1;
  }
  if (current.length > 0) spans.push(current);
  const ranges = spans.map((span) => ({ start: span[0]!.start, end: span.at(-1)!.end }));
  // A small last chunk is folded into the one before rather than retrieved on its own.
  const last = ranges.at(-1);
  const previous = ranges.at(-2);
  if (last && previous && textSize(text.slice(Math.max(previous.end, last.start), last.end)) < options.minSize) {
    if (textSize(text.slice(previous.start, last.end)) <= options.maxSize) {
      previous.end = last.end;
      ranges.pop();
    }
  }
  return ranges;
}

/**
 * The chunks of a document, in order. Each chunk's text is exactly its slice of
 * `documentText(blocks)`; it carries the page (PDFs) and the nearest heading above it.
 */
export function chunkDocument(blocks: readonly TextBlock[], options: Partial<ChunkOptions> = {}): DocumentChunk[] {
  const settings = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  const text = documentText(blocks);
  const chunks: DocumentChunk[] = [];
  for (const section of sectionsOf(blocks, text, settings)) {
    for (const { start, end } of packSection(section, text, settings)) {
      chunks.push({
        ordinal: chunks.length,
        text: text.slice(start, end),
        start,
        end,
        ...(section.page === undefined ? {} : { page: section.page }),
        ...(section.heading === undefined ? {} : { heading: section.heading }),
      });
    }
  }
  return chunks;
}
