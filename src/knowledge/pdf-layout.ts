/**
 * Rebuilds lines, paragraphs and headings from the positioned text pieces pdf.js reports for a
 * page (a PDF has no paragraphs: only strings drawn at coordinates).
 */
import type { TextBlock } from './types';

/** One string drawn on the page (PDF coordinates: y grows upwards). */
export interface PositionedText {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font height: the line height unit. */
  height: number;
  /** pdf.js saw a line break after it. */
  endOfLine: boolean;
}

interface Line {
  text: string;
  y: number;
  height: number;
}

/** A line whose font is at least this much larger than the page's usual one, and short, is a heading. */
const HEADING_SCALE = 1.3;
const HEADING_MAX_CHARS = 120;
/** A vertical gap larger than this many line heights starts a new paragraph. */
const PARAGRAPH_GAP = 1.6;

const CJK_EDGE = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]/;

/** Joins two pieces of running text: no space between CJK characters, a dropped hyphen across a line break. */
function join(left: string, right: string): string {
  if (left === '') return right;
  if (/\w-$/.test(left) && /^[a-z]/.test(right)) return left.slice(0, -1) + right;
  if (CJK_EDGE.test(left.at(-1)!) && CJK_EDGE.test(right[0] ?? '')) return left + right;
  return `${left} ${right}`;
}

function linesOf(items: readonly PositionedText[]): Line[] {
  const lines: Line[] = [];
  let current: { text: string; y: number; height: number; right: number } | undefined;
  const close = (): void => {
    if (current && current.text.trim() !== '') lines.push({ text: current.text.replace(/\s+/g, ' ').trim(), y: current.y, height: current.height });
    current = undefined;
  };
  for (const item of items) {
    const height = Math.abs(item.height) || 1;
    if (current && Math.abs(item.y - current.y) > 0.5 * Math.max(height, current.height)) close();
    if (!current) current = { text: '', y: item.y, height, right: item.x };
    // A visible gap between two strings on one line is a space the PDF did not write.
    const gap = item.x - current.right;
    const needsSpace = current.text !== '' && !/\s$/.test(current.text) && !/^\s/.test(item.text) && gap > 0.15 * height;
    current.text += (needsSpace ? ' ' : '') + item.text;
    current.height = Math.max(current.height, height);
    current.right = item.x + item.width;
    if (item.endOfLine) close();
  }
  close();
  return lines;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The blocks of one page, each marked with its 1-based page number. */
export function pageBlocks(items: readonly PositionedText[], page: number): TextBlock[] {
  const lines = linesOf(items);
  const usual = median(lines.map((line) => line.height));
  const blocks: TextBlock[] = [];
  let paragraph = '';
  let previous: Line | undefined;
  const flush = (): void => {
    if (paragraph.trim() !== '') blocks.push({ kind: 'paragraph', text: paragraph.trim(), page });
    paragraph = '';
  };
  for (const line of lines) {
    if (usual > 0 && line.height >= HEADING_SCALE * usual && line.text.length <= HEADING_MAX_CHARS) {
      flush();
      blocks.push({ kind: 'heading', level: 2, text: line.text, page });
      previous = undefined;
      continue;
    }
    const gap = previous ? previous.y - line.y : 0;
    if (previous && (gap > PARAGRAPH_GAP * Math.max(previous.height, line.height) || gap < 0)) flush();
    paragraph = join(paragraph, line.text);
    previous = line;
  }
  flush();
  return blocks;
}
