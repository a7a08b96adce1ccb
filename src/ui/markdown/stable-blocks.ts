/**
 * Splits streaming markdown into blocks that can no longer change and the tail still being
 * written, so a streamed answer renders only its tail per token (constant work per token)
 * instead of the whole text. A block ends at a blank line outside a fenced code block once the
 * next line starts at the margin (an indented line may continue a list item or code). The final
 * answer is rendered whole, so what splitting gets wrong while streaming (a loose list shown as
 * several) is right once it ends.
 */

/** What the splitter learned from the text so far. */
export interface BlockSplit {
  /** The text did not extend the previous one: start over (blocks hold every stable block). */
  reset: boolean;
  /** Blocks that became stable with this text, in order; each is rendered once. */
  blocks: string[];
  /** The rest of the text, still changing. */
  tail: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** How much of the previous text is compared to recognise an extension (cheap, not a proof). */
const CHECK_WINDOW = 32;

/** Keeps the state of one streaming text; `push` the whole text each time it grows. */
export class StableBlockSplitter {
  private previous = '';
  /** Where the first block not yet emitted starts. */
  private stableEnd = 0;
  /** Where the first line not yet read starts. */
  private scanned = 0;
  private fence: string | undefined;
  private afterBlank = false;

  /** Reads the new complete lines of `text` and returns the blocks they completed. */
  push(text: string): BlockSplit {
    const reset = !this.extends(text);
    if (reset) {
      this.stableEnd = 0;
      this.scanned = 0;
      this.fence = undefined;
      this.afterBlank = false;
    }
    this.previous = text;
    const blocks: string[] = [];
    for (let end = text.indexOf('\n', this.scanned); end >= 0; end = text.indexOf('\n', this.scanned)) {
      const start = this.scanned;
      const line = text.slice(start, end);
      this.scanned = end + 1;
      if (this.fence !== undefined) {
        if (line.trimStart().startsWith(this.fence)) this.fence = undefined;
        continue;
      }
      if (line.trim() === '') {
        this.afterBlank = true;
        continue;
      }
      if (this.afterBlank && !/^\s/.test(line) && start > this.stableEnd) {
        blocks.push(text.slice(this.stableEnd, start));
        this.stableEnd = start;
      }
      this.afterBlank = false;
      const opener = FENCE.exec(line)?.[1];
      if (opener !== undefined) this.fence = opener;
    }
    // A line still being written already decides a boundary by its first character.
    const next = text.charAt(this.scanned);
    if (this.fence === undefined && this.afterBlank && next !== '' && !/\s/.test(next) && this.scanned > this.stableEnd) {
      blocks.push(text.slice(this.stableEnd, this.scanned));
      this.stableEnd = this.scanned;
    }
    return { reset, blocks, tail: text.slice(this.stableEnd) };
  }

  private extends(text: string): boolean {
    const length = this.previous.length;
    if (length === 0 || text.length < length) return false;
    const from = Math.max(0, length - CHECK_WINDOW);
    return text.startsWith(this.previous.slice(from), from);
  }
}
