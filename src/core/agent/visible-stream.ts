import type { ToolCallFormat } from '../formats/types';
import { visibleParse } from './extract-calls';

/**
 * Display text of a streaming answer, parsed incrementally. Re-parsing the whole answer at every
 * delta made per-token work grow with the answer (issue 12); here only the raw text after the last
 * committed point is kept and parsed. A point is committed once everything before it is plain prose
 * — complete lines that hold no character any format's markup starts with — and the line after it
 * is such a line too, with visible text: every format shows that prose as it is, whatever follows.
 * Only the final parse (`extractCalls`) reads the whole answer.
 *
 * What is emitted equals what re-parsing the whole answer at each delta emitted (display text shown
 * only as it grows), which tests/unit/core/visible-stream.test.ts checks on random answers split at
 * random points; so call markup never reaches the display.
 */

/**
 * Characters that may start call markup or change how a format reads the text around them: tags
 * and control tokens (`<`, `[`, `>`, `✿`, `|`, `｜`), JSON (`{`, `"`, `\`) and code (`` ` ``).
 */
const TRIGGER = /[<[{>✿"`|｜\\]/;
/** A line that starts with a label (`Action:`, `Thought:`, `Final Answer:`) may be ReAct markup. */
const LABEL = /^[ \t]*[A-Za-z][\w ]*:/;

/** Turns the deltas of one streamed answer into the display text to append. */
export interface VisibleStream {
  /** Adds a raw delta; returns the display text that became visible (often ''). */
  push(delta: string): string;
  /**
   * After a push: the tool of the call being streamed, once its name is complete and while its
   * arguments are not (the parse's 'incomplete' problem names it); undefined otherwise. Lets a UI
   * show the call's card before its arguments arrive.
   */
  readonly pendingCall: string | undefined;
}

/** Creates the incremental display of one streamed answer (see the module comment). */
export function createVisibleStream(format: ToolCallFormat | null): VisibleStream {
  let tail = ''; // raw text after the committed point
  let emitted = ''; // display text emitted after the committed point
  let scanned = 0; // index in `tail` where the search for complete lines resumes
  let dirty = false; // a line with markup was seen: nothing after it is committed
  let started = false; // something was committed (the answer's leading whitespace is settled)
  let pendingCall: string | undefined; // the call being written, once its name is known

  /** The next commit point in `tail`: the start of a clean, complete, non-blank line after clean lines. */
  const nextCommit = (): number => {
    let point = -1;
    while (!dirty) {
      const newline = tail.indexOf('\n', scanned);
      if (newline < 0) break;
      const line = tail.slice(scanned, newline);
      if (TRIGGER.test(line) || LABEL.test(line)) {
        dirty = true;
        break;
      }
      const visible = line.search(/\S/);
      // Text formats always trim the answer's leading whitespace; in native mode that depends on
      // whether calls follow, so there the first commit needs the answer to start with visible text.
      if (visible >= 0 && scanned + visible > 0 && (started || format !== null || /^\S/.test(tail))) point = scanned + visible;
      scanned = newline + 1;
    }
    return point;
  };

  return {
    get pendingCall() {
      return pendingCall;
    },
    push(delta) {
      tail += delta;
      // Call markup is never committed (see nextCommit), so a call being written is in `tail`.
      const parsed = visibleParse(tail, format);
      const display = parsed.content;
      pendingCall = parsed.pendingCall;
      let out = '';
      if (display.length > emitted.length && display.startsWith(emitted)) {
        out = display.slice(emitted.length);
        emitted = display;
      }
      const point = nextCommit();
      // Commit only what was emitted: the raw prose before the point is its own display text.
      const head = point > 0 ? (started ? tail.slice(0, point) : tail.slice(0, point).trimStart()) : '';
      if (point > 0 && emitted.startsWith(head)) {
        emitted = emitted.slice(head.length);
        tail = tail.slice(point);
        scanned -= point;
        started = true;
      }
      return out;
    },
  };
}
