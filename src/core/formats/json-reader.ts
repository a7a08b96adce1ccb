import {
  APOS,
  describe,
  isDigitStart,
  isIdentChar,
  isIdentStart,
  isLetter,
  QUOTE,
  scanNumber,
  scanString,
  scanWord,
  skipSpace,
  type Token,
} from './json-tokens';
import { RepairLog } from './repair-log';

/**
 * A tolerant, iterative JSON reader. It reads one value from `text[start, limit)` and repairs what
 * models commonly get wrong (trailing or missing commas, single quotes, unquoted keys, Python
 * literals, comments, mismatched closers, an unfinished value at the end of the text).
 *
 * Why hand-written: `JSON.parse` is all-or-nothing, and regex-based repairers backtrack badly on
 * hostile input. This reader looks at every character once, keeps its own stack (10,000 nested
 * brackets cost an array of 10,000 frames, not 10,000 native stack frames) and never throws.
 *
 * Prefix-closed by design: any prefix of valid JSON reads as `truncated` (never as an error and never
 * as a complete value), which is what lets callers tell a streamed, unfinished call from a finished one.
 */

/** What {@link readJsonValue} found. */
export interface JsonRead {
  /** The value read (repaired). `undefined` when nothing could be read. */
  value: unknown;
  /** Index just after the value, or where reading stopped. */
  end: number;
  /** The text ended inside the value; what was missing (closers, the rest of a string) was supplied. */
  truncated: boolean;
  /** Repairs made, one message per kind, with a count when repeated. */
  repairs: string[];
  /** Set when the text is not JSON (even after repair) at `end`; `value` is then `undefined`. */
  error?: string;
}

// Parser states of one open container.
const FIRST = 0; // just after `{` or `[`
const NEXT = 1; // just after `,`
const SEP = 2; // just after a member/element: `,` or the closer comes next
const COLON = 3; // object: after a key
const VALUE = 4; // object: after `:`

interface Frame {
  array: unknown[] | undefined;
  object: Record<string, unknown> | undefined;
  key: string | undefined;
  state: number;
}

const COMMA = 0x2c;
const COLON_CH = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Deepest nesting read. Far beyond any real arguments; it bounds the work (materialising a million
 * nested arrays costs V8 about a second of garbage collection) while 10,000 levels read fine.
 */
export const MAX_DEPTH = 20_000;

/**
 * Reads one JSON value starting at `start` (leading whitespace skipped), looking no further than `limit`.
 * Never throws.
 */
export function readJsonValue(text: string, start = 0, limit = text.length): JsonRead {
  const end = Math.min(Math.max(limit, 0), text.length);
  const reader = new Reader(text, Math.min(Math.max(start, 0), end), end);
  try {
    return reader.run();
  } catch (error) {
    // Only an engine limit (out of memory) can land here; report it as unreadable rather than throw.
    return { value: undefined, end: start, truncated: false, repairs: [], error: `unreadable: ${String(error)}` };
  }
}

/** Sets an own property without ever invoking the `__proto__` setter (JSON.parse semantics). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function isValueStart(c: number): boolean {
  return c === OPEN_BRACE || c === OPEN_BRACKET || c === QUOTE || c === APOS || isDigitStart(c) || isLetter(c);
}

class Reader {
  private i: number;
  private readonly stack: Frame[] = [];
  private readonly log = new RepairLog();
  private truncated = false;
  private done = false;
  private root: unknown = undefined;

  constructor(
    private readonly text: string,
    start: number,
    private readonly limit: number,
  ) {
    this.i = start;
  }

  run(): JsonRead {
    for (;;) {
      this.skipSpace();
      if (this.i >= this.limit) return this.finishAtEnd();
      const c = this.text.charCodeAt(this.i);
      const top = this.stack[this.stack.length - 1];
      const error = top === undefined ? this.readValue(c) : top.object ? this.stepObject(top, c) : this.stepArray(top, c);
      if (error !== undefined) {
        return { value: undefined, end: this.i, truncated: false, repairs: this.log.list(), error };
      }
      if (this.done) return { value: this.root, end: this.i, truncated: this.truncated, repairs: this.log.list() };
    }
  }

  private stepObject(top: Frame, c: number): string | undefined {
    switch (top.state) {
      case FIRST:
      case NEXT:
        if (c === CLOSE_BRACE) {
          if (top.state === NEXT) this.log.add('removed trailing comma');
          this.i++;
          this.close();
        } else if (c === QUOTE || c === APOS) {
          top.key = this.readString();
          top.state = COLON;
        } else if (isIdentStart(c)) {
          const from = this.i;
          while (this.i < this.limit && isIdentChar(this.text.charCodeAt(this.i))) this.i++;
          top.key = this.text.slice(from, this.i);
          top.state = COLON;
          this.log.add('quoted unquoted key');
          if (this.i >= this.limit) this.truncated = true;
        } else if (c === COMMA) {
          this.log.add('removed extra comma');
          this.i++;
        } else if (c === CLOSE_BRACKET) {
          return this.closeMismatched(c);
        } else {
          return `expected a key at ${describe(this.text, this.i)}`;
        }
        return undefined;
      case COLON:
        if (c === COLON_CH) {
          this.i++;
          top.state = VALUE;
          return undefined;
        }
        if (c === CLOSE_BRACE) return this.dropKeyAndClose(top);
        return `expected ':' at ${describe(this.text, this.i)}`;
      case VALUE:
        if (c === CLOSE_BRACE) return this.dropKeyAndClose(top);
        if (c === COMMA) {
          this.log.add('dropped a key without a value');
          top.key = undefined;
          top.state = NEXT;
          this.i++;
          return undefined;
        }
        return this.readValue(c);
      default:
        if (c === COMMA) {
          this.i++;
          top.state = NEXT;
        } else if (c === CLOSE_BRACE) {
          this.i++;
          this.close();
        } else if (c === CLOSE_BRACKET) {
          return this.closeMismatched(c);
        } else if (c === QUOTE || c === APOS || isIdentStart(c)) {
          this.log.add('inserted missing comma');
          top.state = NEXT;
        } else {
          return `expected ',' or '}' at ${describe(this.text, this.i)}`;
        }
        return undefined;
    }
  }

  private stepArray(top: Frame, c: number): string | undefined {
    if (top.state === SEP) {
      if (c === COMMA) {
        this.i++;
        top.state = NEXT;
      } else if (c === CLOSE_BRACKET) {
        this.i++;
        this.close();
      } else if (c === CLOSE_BRACE) {
        return this.closeMismatched(c);
      } else if (isValueStart(c)) {
        this.log.add('inserted missing comma');
        top.state = NEXT;
      } else {
        return `expected ',' or ']' at ${describe(this.text, this.i)}`;
      }
      return undefined;
    }
    if (c === CLOSE_BRACKET) {
      if (top.state === NEXT) this.log.add('removed trailing comma');
      this.i++;
      this.close();
      return undefined;
    }
    if (c === COMMA) {
      this.log.add('removed extra comma');
      this.i++;
      return undefined;
    }
    if (c === CLOSE_BRACE) return this.closeMismatched(c);
    return this.readValue(c);
  }

  /** Reads the value starting at the current character; containers are pushed, scalars emitted. */
  private readValue(c: number): string | undefined {
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (this.stack.length >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
      const isArray = c === OPEN_BRACKET;
      this.stack.push({ array: isArray ? [] : undefined, object: isArray ? undefined : {}, key: undefined, state: FIRST });
      this.i++;
      return undefined;
    }
    if (c === QUOTE || c === APOS) {
      this.emit(this.readString());
      return undefined;
    }
    if (isDigitStart(c)) return this.emitToken(scanNumber(this.text, this.i, this.limit, this.log));
    if (isLetter(c)) return this.emitToken(scanWord(this.text, this.i, this.limit, this.log));
    return `unexpected character at ${describe(this.text, this.i)}`;
  }

  private readString(): string {
    const token = scanString(this.text, this.i, this.limit, this.log);
    this.i = token.end;
    if (token.truncated) this.truncated = true;
    return token.value;
  }

  /** Emits a scanned scalar; a cut-off scalar with nothing usable is left to finishAtEnd. */
  private emitToken(token: Token<unknown> | { error: string }): string | undefined {
    if ('error' in token) return token.error;
    this.i = token.end;
    if (token.truncated) this.truncated = true;
    if (token.value !== undefined) this.emit(token.value);
    return undefined;
  }

  private skipSpace(): void {
    const skipped = skipSpace(this.text, this.i, this.limit, this.log);
    this.i = skipped.end;
    if (skipped.truncated) this.truncated = true;
  }

  /** Attaches a finished value to the open container, or makes it the result. */
  private emit(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.root = value;
      this.done = true;
      return;
    }
    if (top.array) top.array.push(value);
    else if (top.object) setOwn(top.object, top.key ?? '', value);
    top.key = undefined;
    top.state = SEP;
  }

  private close(): void {
    const frame = this.stack.pop();
    if (frame) this.emit(frame.array ?? frame.object);
  }

  private dropKeyAndClose(top: Frame): undefined {
    this.log.add('dropped a key without a value');
    top.key = undefined;
    this.i++;
    this.close();
    return undefined;
  }

  /** A `}` that closes an open array (or `]` an open object): close what is in between, if it matches. */
  private closeMismatched(closer: number): string | undefined {
    const wantArray = closer === CLOSE_BRACKET;
    let k = this.stack.length - 1;
    while (k >= 0 && (this.stack[k]?.array !== undefined) !== wantArray) k--;
    if (k < 0) return `unexpected ${describe(this.text, this.i)}`;
    while (this.stack.length - 1 > k) {
      const frame = this.stack[this.stack.length - 1];
      this.log.add(frame?.array ? "inserted missing ']'" : "inserted missing '}'");
      this.dropDanglingKey(frame);
      this.close();
    }
    this.i++;
    this.close();
    return undefined;
  }

  private dropDanglingKey(frame: Frame | undefined): void {
    if (frame?.object && (frame.state === COLON || frame.state === VALUE)) {
      this.log.add('dropped a key without a value');
      frame.key = undefined;
    }
  }

  /** The text ended: close every open container (the "unclosed braces at end of output" repair). */
  private finishAtEnd(): JsonRead {
    const open = this.stack.length;
    if (open > 0) this.truncated = true;
    while (this.stack.length > 0) {
      this.dropDanglingKey(this.stack[this.stack.length - 1]);
      this.close();
    }
    if (open > 0) this.log.add(`closed ${open} unclosed bracket${open === 1 ? '' : 's'}`);
    if (!this.done) this.truncated = true; // nothing (complete) was read at all
    return { value: this.root, end: this.i, truncated: this.truncated, repairs: this.log.list() };
  }
}
