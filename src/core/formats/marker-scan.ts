import { callFromObject, coerceArguments, finishResult, jsonCallName, pendingCall, problem, ProblemList, type CallKeys } from './call-shape';
import { readJsonValue } from './json-reader';
import { createFinder, removeBlocks, skipFenceOpen, skipSpaces, stripPartialMarker } from './text-scan';
import type { ParsedToolCall, ParseOptions, ParseProblem, ParseResult } from './types';

/**
 * The scanning loop shared by the marker-delimited families added for auto-detection (Mistral,
 * Granite, DeepSeek, FunctionGemma, GLM, ...). A family only says which markers open a call and how
 * the body after a marker is read; the loop keeps the text between calls as content, hides a marker
 * that is still streaming in, and stops at an unfinished call so a streamed prefix never yields it.
 */

/** What reading one block found. */
export interface BlockRead {
  /** Where the text after the block starts (always past the marker, so the scan advances). */
  next: number;
  calls: ParsedToolCall[];
  problems: ParseProblem[];
  /** The rest of the text is an unfinished block: stop, and show none of it. */
  stop: boolean;
  /**
   * Where the block really began, when that is before its marker (GLM's bare `name\n<arg_key>`: the
   * name line is part of the call). Never before the end of the previous block.
   */
  start?: number;
  /** Text inside the block that is the assistant's words (e.g. Functionary's `>>>all`). */
  content?: string;
  /**
   * The marker did not start a block after all (e.g. a `[` that is prose): it stays in the content,
   * and the search for the next marker resumes at `next` (or just after the marker).
   */
  none?: boolean;
}

/** The answer for a marker that turned out not to start a block. */
export const NOT_A_BLOCK: BlockRead = { next: 0, calls: [], problems: [], stop: false, none: true };

/** Memoised searches for one parse, so every family stays linear (see `createFinder`). */
export interface ScanContext {
  readonly text: string;
  readonly final: boolean;
  /** `text.indexOf(needle, from)`, memoised per needle for non-decreasing `from`. */
  find(needle: string, from: number): number;
}

/** How one marker-delimited family looks. */
export interface MarkedSpec {
  /** Markers that open a block; the earliest one found starts the next block. */
  open: readonly string[];
  /** Reads the block whose marker `marker` starts at `at`. */
  read(ctx: ScanContext, at: number, marker: string): BlockRead;
  /** Markup that is never content (e.g. `<｜tool▁calls▁end｜>`): removed from the text between calls. */
  drop?: readonly string[];
  /** Blocks that are not the assistant's words (invented tool results): hidden from content. */
  hidden?: ReadonlyArray<{ open: string; close: string }>;
}

/** Parses text in a marker-delimited family. Never throws (callers wrap it in `guardParse`). */
export function parseMarked(text: string, spec: MarkedSpec, options: ParseOptions = {}): ParseResult {
  const final = options.final === true;
  const finders = new Map<string, (from: number) => number>();
  const ctx: ScanContext = {
    text,
    final,
    find(needle, from) {
      let finder = finders.get(needle);
      if (!finder) {
        finder = createFinder(text, needle);
        finders.set(needle, finder);
      }
      return finder(from);
    },
  };
  const pieces: string[] = [];
  const calls: ParsedToolCall[] = [];
  const problems = new ProblemList();
  let pos = 0; // start of the content not yet copied
  let from = 0; // where to look for the next marker
  for (;;) {
    let at = -1;
    let marker = '';
    for (const open of spec.open) {
      const found = ctx.find(open, from);
      if (found >= 0 && (at < 0 || found < at)) {
        at = found;
        marker = open;
      }
    }
    if (at < 0) {
      pieces.push(text.slice(pos));
      break;
    }
    const block = spec.read(ctx, at, marker);
    if (block.none === true) {
      // `next` may skip what the reader already looked at (JSON that is not a call is data: calls
      // nested in it are not calls, and reading them again would make hostile text quadratic).
      from = Math.max(at + 1, block.next);
      continue;
    }
    pieces.push(text.slice(pos, Math.min(at, Math.max(pos, block.start ?? at))));
    calls.push(...block.calls);
    problems.push(...block.problems);
    if (block.content !== undefined) pieces.push(block.content);
    if (block.stop) break;
    pos = Math.max(block.next, at + 1);
    from = pos;
  }
  const partial = [...spec.open, ...(spec.drop ?? []), ...(spec.hidden ?? []).map((block) => block.open)];
  const visible = pieces.map((piece, index) => {
    let shown = piece;
    for (const mark of spec.drop ?? []) shown = shown.split(mark).join('');
    shown = hideBlocks(shown, spec.hidden ?? []);
    // Only the last piece can end in a marker that is still streaming in.
    return !final && index === pieces.length - 1 ? stripPartialMarker(shown, partial) : shown;
  });
  return finishResult(visible, calls, problems, options.tools);
}

/** Removes hidden blocks; an unclosed one hides the rest of the piece. */
function hideBlocks(piece: string, hidden: NonNullable<MarkedSpec['hidden']>): string {
  return hidden.reduce((out, block) => removeBlocks(out, block), piece);
}

/**
 * A block that stops the scan: the rest is an unfinished call (to `name`, when its name is already
 * complete: see `ParseProblem.name`).
 */
export function unfinished(source: string, calls: ParsedToolCall[] = [], problems: ParseProblem[] = [], name?: string): BlockRead {
  return { next: Number.MAX_SAFE_INTEGER, calls, problems: [...problems, pendingCall(source, name)], stop: true };
}

/**
 * Checks for a close marker at `from` (after whitespace). Returns where the text after it starts;
 * 'wait' when the text ends before it (or inside it) and more may stream in; or, when something else
 * follows (or the output is final), `from` with a note that it was missing. A final text that ends
 * inside the marker (a stop string ate its end) is read as closed there, so no "</tool_" is shown.
 */
export function expectClose(ctx: ScanContext, from: number, close: string): { next: number; missing: boolean } | 'wait' {
  const i = skipSpaces(ctx.text, from);
  if (ctx.text.startsWith(close, i)) return { next: i + close.length, missing: false };
  if (close.startsWith(ctx.text.slice(i, i + close.length))) {
    // At the end of the text: more may stream in, or (final) a stop string ate the rest of the tag.
    if (!ctx.final) return 'wait';
    if (i < ctx.text.length) return { next: ctx.text.length, missing: true };
  }
  return { next: from, missing: true };
}

/**
 * Skips the closing code fence of a fenced body; 'wait' when the text ends inside it (a strict
 * prefix of "```"), so a call is not taken before its fence is closed.
 */
export function closeFence(ctx: ScanContext, from: number, fenced: boolean): number | 'wait' {
  const i = skipSpaces(ctx.text, from);
  if (ctx.text.startsWith('```', i)) return skipSpaces(ctx.text, i + 3);
  if (fenced && !ctx.final && i + 3 > ctx.text.length && '```'.startsWith(ctx.text.slice(i))) return 'wait';
  return from;
}

/** How a JSON call body is read by {@link readJsonCalls}. */
export interface JsonBodySpec {
  keys: CallKeys;
  /** The close marker that must follow the JSON, if the family has one. */
  close?: string;
  /** A separator allowed between several JSON calls in one block (Llama 3's `;`). */
  separator?: string;
}

/**
 * Reads a JSON call body (an object or an array of call objects, optionally fenced) starting at
 * `from`. A body that runs to the end of the text is unfinished unless the output is final, where it
 * is closed by repair. Prefix-safe: the JSON reader reports any prefix of valid JSON as truncated.
 */
export function readJsonCalls(ctx: ScanContext, at: number, from: number, spec: JsonBodySpec): BlockRead {
  const { text, final } = ctx;
  const calls: ParsedToolCall[] = [];
  const problems: ParseProblem[] = [];
  let i = from;
  for (;;) {
    const fence = skipFenceOpen(text, i);
    const read = readJsonValue(text, fence.at);
    const source = text.slice(at, Math.min(read.end, at + 200));
    if (read.error !== undefined) {
      problems.push(problem('invalid-json', `Tool call is not valid JSON: ${read.error}.`, source));
      const closeAt = spec.close === undefined ? -1 : ctx.find(spec.close, read.end);
      const next = closeAt >= 0 && spec.close !== undefined ? closeAt + spec.close.length : Math.max(read.end, from);
      return { next, calls, problems, stop: false };
    }
    if (read.truncated || read.value === undefined) {
      // Calls before the cut count only where no close marker has to confirm them (Llama's `;` list).
      if (!final || read.value === undefined) return unfinished(source, spec.close === undefined ? calls : [], problems, jsonCallName(text, fence.at, spec.keys));
      problems.push(problem('repaired', 'Tool call JSON: closed at the end of the output.', source));
    }
    for (const repair of read.repairs) problems.push(problem('repaired', `Tool call JSON: ${repair}.`, source));
    for (const item of Array.isArray(read.value) ? read.value : [read.value]) {
      const outcome = callFromObject(item, spec.keys, source);
      problems.push(...outcome.problems);
      if ('call' in outcome) calls.push(outcome.call);
    }
    const closed = closeFence(ctx, read.end, fence.fenced);
    if (closed === 'wait') return spec.close === undefined ? unfinished(source, calls, problems) : unfinished(source, [], problems, calls[calls.length - 1]?.name);
    i = closed;
    if (spec.separator !== undefined && text.startsWith(spec.separator, i)) {
      const after = skipSpaces(text, i + spec.separator.length);
      if (text.charAt(after) === '{' || text.charAt(after) === '[') {
        i = after;
        continue;
      }
      i += spec.separator.length;
    }
    break;
  }
  if (spec.close === undefined) return { next: i, calls, problems, stop: false };
  const close = expectClose(ctx, i, spec.close);
  if (close === 'wait') return unfinished(text.slice(at, at + 200), [], problems, calls[calls.length - 1]?.name);
  if (close.missing) problems.push(problem('repaired', `Tool call JSON: added the missing ${spec.close}.`, text.slice(at, at + 200)));
  return { next: close.next, calls, problems, stop: false };
}

/**
 * Reads the JSON arguments of a call whose name is already known, starting at `jsonAt`. A JSON
 * error skips at least to `jsonAt`; an unfinished value waits for more text unless final.
 * `decodeStringArguments`: arguments given as a JSON-encoded string are decoded.
 */
export function readNamedCallArguments(
  ctx: ScanContext,
  name: string,
  jsonAt: number,
  source: string,
  decodeStringArguments: boolean,
): BlockRead {
  const read = readJsonValue(ctx.text, jsonAt);
  if (read.error !== undefined) {
    return { next: Math.max(read.end, jsonAt), calls: [], problems: [problem('bad-arguments', `Arguments of ${name} are not JSON: ${read.error}.`, source)], stop: false };
  }
  if ((read.truncated && !ctx.final) || read.value === undefined) return unfinished(source, [], [], name);
  const args = coerceArguments(read.value, decodeStringArguments);
  if ('error' in args) return { next: read.end, calls: [], problems: [problem('bad-arguments', `Arguments of ${name} ${args.error}`, source)], stop: false };
  const repairs = [...read.repairs, ...args.repairs, ...(read.truncated ? ['closed at the end of the output'] : [])];
  return {
    next: read.end,
    calls: [{ name, arguments: args.value }],
    problems: repairs.map((repair) => problem('repaired', `Arguments of ${name}: ${repair}.`, source)),
    stop: false,
  };
}
