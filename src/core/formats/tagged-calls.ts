import { callFromObject, finishResult, jsonCallName, pendingCall, problem, ProblemList, type CallKeys } from './call-shape';
import { readJsonValue, type JsonRead } from './json-reader';
import { createFinder, isSpaceCode, removeBlocks, skipFenceClose, skipFenceOpen, skipSpaces, stripPartialMarker } from './text-scan';
import type { ParsedToolCall, ParseOptions, ParseResult } from './types';

/**
 * Parsing shared by the formats that wrap a JSON call in tags: Hermes/Qwen `<tool_call>…</tool_call>`
 * and ModelScope-Agent `<|startofthink|>…<|endofthink|>`.
 */

/** How one tagged format looks. */
export interface TaggedSpec {
  open: string;
  close: string;
  keys: CallKeys;
  /** Blocks that are not the assistant's words (e.g. hallucinated tool results); hidden from content. */
  hidden: ReadonlyArray<{ open: string; close: string }>;
}

interface BlockOutcome {
  /** Where the text after this block starts. */
  next: number;
  /** Stop parsing: the rest of the text belongs to an unfinished block. */
  stop: boolean;
}

/**
 * Parses tagged calls. The JSON inside a tag is read first on its own terms (so a close tag inside
 * a string argument does not end the call); the close tag is required unless `options.final`.
 *
 * - Complete JSON and a close tag: a call.
 * - Complete JSON, no close tag: a call when final (repair) or when another call follows; otherwise
 *   'incomplete' (the close tag may still be streaming).
 * - JSON that runs to the end of the text: 'incomplete' unless final, where it is closed by repair.
 * - Broken JSON with a close tag: the text between the tags is read again on its own, with repair.
 */
export function parseTagged(text: string, spec: TaggedSpec, options: ParseOptions = {}): ParseResult {
  const final = options.final === true;
  const findOpen = createFinder(text, spec.open);
  const findClose = createFinder(text, spec.close);
  const pieces: string[] = [];
  const calls: ParsedToolCall[] = [];
  const problems = new ProblemList();
  // Once a read was not clean (broken, or cut off by the end of the text), later blocks are read
  // between their tags only: a broken read may have run far past its close tag, and reading on from
  // each later tag again would make hostile text quadratic.
  let bounded = false;

  const accept = (read: JsonRead, source: string, extra: string[]): void => {
    for (const repair of [...extra, ...read.repairs]) problems.push(problem('repaired', `Tool call JSON: ${repair}.`, source));
    const items = Array.isArray(read.value) ? read.value : [read.value];
    for (const item of items) {
      const outcome = callFromObject(item, spec.keys, source);
      problems.push(...outcome.problems);
      if ('call' in outcome) calls.push(outcome.call);
    }
  };

  const readBetweenTags = (at: number, from: number, closeAt: number): BlockOutcome => {
    let end = closeAt;
    while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
    if (end - from >= 3 && text.startsWith('```', end - 3)) end -= 3;
    const read = readJsonValue(text, from, end);
    const source = text.slice(at, closeAt + spec.close.length);
    if (read.error !== undefined || read.value === undefined) {
      problems.push(problem('invalid-json', `Tool call is not valid JSON: ${read.error ?? 'empty'}.`, source));
    } else {
      const trailing = skipFenceClose(text, read.end, end) < end ? ['ignored text after the call JSON'] : [];
      accept(read, source, trailing);
    }
    return { next: closeAt + spec.close.length, stop: false };
  };

  const readBlock = (at: number): BlockOutcome => {
    const bodyStart = at + spec.open.length;
    const fence = skipFenceOpen(text, bodyStart);
    if (bounded) {
      const closeAt = findClose(bodyStart);
      if (closeAt >= 0) return readBetweenTags(at, fence.at, closeAt);
    }
    const read = readJsonValue(text, fence.at);
    const source = text.slice(at, Math.min(read.end, at + 200));
    if (read.error === undefined && !read.truncated) {
      const after = skipFenceClose(text, read.end);
      if (text.startsWith(spec.close, after)) {
        accept(read, source, []);
        return { next: after + spec.close.length, stop: false };
      }
      const closeAt = findClose(read.end);
      const nextOpen = findOpen(after);
      if (closeAt >= 0 && (nextOpen < 0 || closeAt < nextOpen)) {
        accept(read, source, [`ignored text before ${spec.close}`]);
        return { next: closeAt + spec.close.length, stop: false };
      }
      if (final || nextOpen >= 0) {
        accept(read, source, [`added the missing ${spec.close}`]);
        // A stop string that ate only part of the tag leaves its start ("</tool_") at the very end.
        return { next: final && isCutCloseTag(text, after, spec.close) ? text.length : after, stop: false };
      }
      problems.push(pendingCall(source, jsonCallName(text, fence.at, spec.keys), `Tool call not finished yet (no ${spec.close}).`));
      return { next: text.length, stop: true };
    }
    bounded = true;
    const closeAt = findClose(bodyStart);
    if (closeAt < 0) {
      if (final && read.error === undefined && read.value !== undefined) {
        accept(read, source, [`added the missing ${spec.close}`]);
      } else if (final) {
        problems.push(problem('invalid-json', `Tool call is not valid JSON: ${read.error ?? 'empty'}.`, source));
      } else {
        problems.push(pendingCall(source, jsonCallName(text, fence.at, spec.keys)));
      }
      return { next: text.length, stop: true };
    }
    if (read.truncated && !final) {
      // The JSON is still open (a close tag seen so far sits inside one of its strings): wait.
      problems.push(pendingCall(source, jsonCallName(text, fence.at, spec.keys)));
      return { next: text.length, stop: true };
    }
    return readBetweenTags(at, fence.at, closeAt);
  };

  let pos = 0;
  for (;;) {
    const at = findOpen(pos);
    if (at < 0) {
      const rest = text.slice(pos);
      pieces.push(final ? rest : stripPartialMarker(rest, [spec.open]));
      break;
    }
    pieces.push(text.slice(pos, at));
    const outcome = readBlock(at);
    if (outcome.stop) break;
    pos = outcome.next;
  }
  const visible = pieces.map((piece) => hideBlocks(piece, spec.hidden, final));
  return finishResult(visible, calls, problems, options.tools);
}

/** True when all that is left from `from` is the start of `close`, cut off by the end of the output. */
function isCutCloseTag(text: string, from: number, close: string): boolean {
  const i = skipSpaces(text, from);
  return i < text.length && text.length - i < close.length && close.startsWith(text.slice(i));
}

/** Removes hidden blocks from a piece of content; an unclosed one hides the rest of the piece. */
function hideBlocks(piece: string, hidden: TaggedSpec['hidden'], final: boolean): string {
  let out = piece;
  for (const block of hidden) {
    out = removeBlocks(out, block, (text, afterClose) => skipSpaces(text, afterClose));
    if (!final) out = stripPartialMarker(out, [block.open]);
  }
  return out;
}
