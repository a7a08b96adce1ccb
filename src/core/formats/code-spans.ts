import type { ParseOptions, ParseResult, ToolCallFormat } from './types';

/**
 * Markup inside code is text (issue 14, item 10). An answer that mentions `` `<tool_call>` `` in
 * backticks, or shows a JSON or ReAct example in a ```python fence, is explaining, not calling. Such
 * code is masked before parsing: the characters markup is made of are swapped for private-use code
 * points of the same length, so no format sees a marker there, and swapped back in what the parse
 * returns. Fences a call may legitimately sit in (no info string, `json`, `tool_call`, ...) are left
 * alone, as models put real calls in them.
 */

/** Characters that start or shape call markup, and their private-use stand-ins. */
const MASKED = '<[{>✿:|';
const FIRST_STAND_IN = 0xe000;
const STAND_INS = new RegExp(`[\\u${FIRST_STAND_IN.toString(16)}-\\u${(FIRST_STAND_IN + MASKED.length - 1).toString(16)}]`);
const MASKED_CHAR = new RegExp(`[${MASKED.replace(/[[\]\\|{}]/g, '\\$&')}]`, 'g');
const STAND_IN_CHAR = new RegExp(STAND_INS.source, 'g');

/** Info strings of fences that may hold a real call (the rest are examples: python, text, html, ...). */
const CALL_FENCES = new Set(['', 'json', 'json5', 'jsonc', 'tool_call', 'tool_calls', 'tool_code', 'function_call', 'functions']);

const FENCE_LINE = /^ {0,3}(`{3,})[ \t]*([^`\n]*)$/gm;

const mask = (code: string): string => code.replace(MASKED_CHAR, (c) => String.fromCharCode(FIRST_STAND_IN + MASKED.indexOf(c)));
const unmask = (text: string): string => text.replace(STAND_IN_CHAR, (c) => MASKED.charAt(c.charCodeAt(0) - FIRST_STAND_IN));

/** One run of backticks: where it starts, how long it is and on which line. */
interface BacktickRun {
  start: number;
  length: number;
  line: number;
}

/**
 * Inline code spans in `text[from, to)`: a run of one or two backticks closed by the next run of the
 * same length on the same line (runs of three or more are fence markers). Linear in the length:
 * each run's closer is looked up from a table built in one backward pass, so a megabyte of
 * backticks costs no more than a megabyte of prose.
 */
function inlineCodeSpans(text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const runs: BacktickRun[] = [];
  let line = 0;
  for (let index = from; index < to; ) {
    const code = text.charCodeAt(index);
    if (code === 10) line += 1;
    if (code !== 96) {
      index += 1;
      continue;
    }
    let end = index;
    while (end < to && text.charCodeAt(end) === 96) end += 1;
    runs.push({ start: index, length: end - index, line });
    index = end;
  }
  const closer = new Array<number>(runs.length).fill(-1);
  const nextOfKind = new Map<string, number>();
  for (let index = runs.length - 1; index >= 0; index -= 1) {
    const run = runs[index] as BacktickRun;
    const kind = `${run.line}:${run.length}`;
    closer[index] = nextOfKind.get(kind) ?? -1;
    nextOfKind.set(kind, index);
  }
  const spans: Array<{ start: number; end: number }> = [];
  for (let index = 0; index < runs.length; ) {
    const run = runs[index] as BacktickRun;
    const close = closer[index] ?? -1;
    if (run.length >= 3 || close < 0) {
      index += 1;
      continue;
    }
    const closing = runs[close] as BacktickRun;
    spans.push({ start: run.start, end: closing.start + closing.length });
    index = close + 1;
  }
  return spans;
}

/**
 * `text` with the markup characters inside inline code and non-call fences masked, or null when
 * there is nothing to mask (or the text already holds a stand-in, which could not be told apart).
 */
export function maskCode(text: string): string | null {
  if (!text.includes('`') || STAND_INS.test(text)) return null;
  let out = '';
  let pos = 0;
  let changed = false;
  // Fences first: [start, end) of each fence's content, with whether it may hold calls.
  const fences: Array<{ start: number; end: number; call: boolean }> = [];
  FENCE_LINE.lastIndex = 0;
  let open: { start: number; ticks: number; call: boolean } | null = null;
  for (let m = FENCE_LINE.exec(text); m !== null; m = FENCE_LINE.exec(text)) {
    const ticks = m[1]?.length ?? 3;
    const info = (m[2] ?? '').trim().toLowerCase().split(/\s/)[0] ?? '';
    // Only a fence named by a plain language word (python, text, ...) is an example; a fence line
    // followed by markup (```<|endofthink|>) belongs to a call format and closes or opens a call fence.
    const word = /^[\w+#.-]*$/.test(info);
    if (open === null) open = { start: m.index + m[0].length, ticks, call: !word || CALL_FENCES.has(info) };
    else if ((info === '' || !word) && ticks >= open.ticks) {
      fences.push({ start: open.start, end: m.index, call: open.call });
      open = null;
    }
  }
  // An unclosed fence runs to the end (the answer may still be streaming).
  if (open !== null) fences.push({ start: open.start, end: text.length, call: open.call });
  const emit = (from: number, to: number, masked: boolean): void => {
    const piece = text.slice(from, to);
    const shown = masked ? mask(piece) : piece;
    if (shown !== piece) changed = true;
    out += shown;
  };
  const inline = (from: number, to: number): void => {
    let last = from;
    for (const span of inlineCodeSpans(text, from, to)) {
      emit(last, span.start, false);
      emit(span.start, span.end, true);
      last = span.end;
    }
    emit(last, to, false);
  };
  for (const fence of fences) {
    inline(pos, fence.start);
    emit(fence.start, fence.end, !fence.call);
    pos = fence.end;
  }
  inline(pos, text.length);
  return changed ? out : null;
}

function unmaskValue(value: unknown): unknown {
  if (typeof value === 'string') return unmask(value);
  if (Array.isArray(value)) return value.map(unmaskValue);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(out, unmask(key), { value: unmaskValue(item), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** Runs `parse` on the masked text and swaps the stand-ins back in what it returns. */
export function parseWithCodeAsText(text: string, parse: (text: string) => ParseResult): ParseResult {
  const masked = typeof text === 'string' ? maskCode(text) : null;
  if (masked === null) return parse(text);
  const result = parse(masked);
  return {
    content: unmask(result.content),
    calls: result.calls.map((call) => ({ name: unmask(call.name), arguments: unmaskValue(call.arguments) as Record<string, unknown> })),
    problems: result.problems.map((p) => (p.excerpt === undefined ? { ...p, message: unmask(p.message) } : { ...p, message: unmask(p.message), excerpt: unmask(p.excerpt) })),
  };
}

/** The same format, reading markup inside code as text. */
export function withCodeAsText(format: ToolCallFormat): ToolCallFormat {
  return { ...format, parse: (text: string, options?: ParseOptions) => parseWithCodeAsText(text, (masked) => format.parse(masked, options)) };
}
