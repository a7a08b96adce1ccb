/**
 * Small scanning helpers shared by the formats. They exist to keep every parser linear: a naive
 * `indexOf(closeTag, from)` per opening tag turns 1 MB of unclosed tags into a quadratic scan.
 */

/**
 * A memoised `indexOf(needle, from)` for non-decreasing `from`: the last answer is reused while it
 * is still ahead, so a whole parse costs one pass over the text per needle.
 */
export function createFinder(text: string, needle: string): (from: number) => number {
  let lastFrom = -1;
  let lastFound = -2; // -2: not searched yet
  return (from: number): number => {
    if (lastFound !== -2 && from >= lastFrom && (lastFound === -1 || lastFound >= from)) return lastFound;
    lastFrom = from;
    lastFound = text.indexOf(needle, from);
    return lastFound;
  };
}

/** True for the whitespace JSON and our formats skip. */
export function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Index of the first non-whitespace character at or after `from` (or `limit`). */
export function skipSpaces(text: string, from: number, limit = text.length): number {
  let i = from;
  while (i < limit && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Skips an opening code fence (```json, ```JSON, ```) at `from` (after whitespace). Returns where the
 * fenced content starts, `limit` when the text ends inside the fence opener (it may still be
 * streaming), or `from` unchanged when there is no fence.
 */
export function skipFenceOpen(text: string, from: number, limit = text.length): { at: number; fenced: boolean } {
  const i = skipSpaces(text, from, limit);
  const rest = limit - i;
  if (rest < 3) {
    // "`" or "``" at the very end could become a fence.
    if (rest > 0 && '```'.startsWith(text.slice(i, limit))) return { at: limit, fenced: true };
    return { at: i, fenced: false };
  }
  if (!text.startsWith('```', i)) return { at: i, fenced: false };
  let j = i + 3;
  while (j < limit && /[\w+-]/.test(text.charAt(j))) j++;
  return { at: j, fenced: true };
}

/** Skips whitespace and an optional closing code fence after fenced content. */
export function skipFenceClose(text: string, from: number, limit = text.length): number {
  let i = skipSpaces(text, from, limit);
  if (text.startsWith('```', i)) i = skipSpaces(text, i + 3, limit);
  return i;
}

/**
 * Removes the end of `text` when it is the start of one of `markers` (e.g. "<tool_c" while
 * `<tool_call>` is still streaming), so markup never flashes on screen before it is recognised.
 */
export function stripPartialMarker(text: string, markers: readonly string[]): string {
  let cut = text.length;
  for (const marker of markers) {
    const longest = Math.min(marker.length - 1, text.length);
    for (let k = longest; k > 0; k--) {
      if (text.endsWith(marker.slice(0, k))) {
        cut = Math.min(cut, text.length - k);
        break;
      }
    }
  }
  return text.slice(0, cut);
}

/**
 * Removes every `open…close` block from `text`; an unclosed block removes the rest. `resumeAt`
 * picks where the kept text resumes after a close (e.g. past the whitespace that followed it).
 */
export function removeBlocks(
  text: string,
  block: { open: string; close: string },
  resumeAt: (text: string, afterClose: number) => number = (_text, afterClose) => afterClose,
): string {
  let result = '';
  let pos = 0;
  for (;;) {
    const at = text.indexOf(block.open, pos);
    if (at < 0) return result + text.slice(pos);
    result += text.slice(pos, at);
    const closeAt = text.indexOf(block.close, at + block.open.length);
    if (closeAt < 0) return result;
    pos = resumeAt(text, closeAt + block.close.length);
  }
}
