import { setOwn } from './json-reader';

/**
 * A small reader for the Python call syntax of pythonic tool calls (`[f(a=1, b="x"), g()]`): keyword
 * arguments whose values are Python literals (strings in either quote, triple-quoted too, numbers,
 * True/False/None and their JSON spellings, lists, tuples, dicts, nested). It never evaluates
 * anything, looks at each character once, and bounds nesting, so hostile text costs linear time.
 *
 * Prefix-closed like the JSON reader: any strict prefix of a valid call list reads as `truncated`,
 * never as complete, so a streamed call is never run half-written.
 */

/** One call read from the text. */
export interface PyCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** What a read found. */
export type PyRead =
  | { kind: 'ok'; calls: PyCall[]; end: number }
  | { kind: 'truncated' }
  | { kind: 'error'; message: string; end: number };

/** Deepest literal nesting read; far beyond real arguments, and it keeps the recursion shallow. */
const MAX_DEPTH = 200;

/** Why a read stopped early. */
interface Failure {
  truncated: boolean;
  message: string;
  at: number;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0', a: '\x07' };
const HEX = /^[\da-fA-F]+$/;
const NUMBER = /^[-+]?(?:0[xX][\da-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)$/;

/**
 * The reader. Failures are recorded, not thrown: prose in brackets fails often, and a thrown
 * exception per failed candidate made hostile text slow. Once `bad` is set, `peek` returns '' and
 * every loop ends, so the read unwinds in a few steps.
 */
class PyReader {
  i: number;
  bad: Failure | undefined;

  constructor(
    private readonly text: string,
    start: number,
    private readonly limit: number,
    /** Running out of text means "still streaming" (else the region is closed: an error). */
    private readonly openEnded: boolean,
  ) {
    this.i = start;
  }

  fail(message: string, truncated = false): undefined {
    this.bad ??= { truncated, message, at: this.i };
    return undefined;
  }

  peek(): string {
    if (this.bad) return '';
    if (this.i >= this.limit) {
      this.fail('the text ends inside a call', this.openEnded);
      return '';
    }
    return this.text.charAt(this.i);
  }

  ws(): void {
    while (this.i < this.limit && /\s/.test(this.text.charAt(this.i))) this.i++;
  }

  expect(ch: string): boolean {
    this.ws();
    if (this.peek() !== ch) {
      this.fail(`expected '${ch}' at ${this.i}`);
      return false;
    }
    this.i++;
    return true;
  }

  word(pattern: RegExp): string {
    const from = this.i;
    while (this.i < this.limit && pattern.test(this.text.charAt(this.i))) this.i++;
    if (this.i >= this.limit) this.peek(); // a word cut off by the end may still grow
    return this.text.slice(from, this.i);
  }

  /** `name(k=v, ...)`. */
  call(): PyCall | undefined {
    this.ws();
    const name = this.word(/[\w.-]/);
    if (this.bad) return undefined;
    if (!/^[A-Za-z_]/.test(name)) return this.fail(`expected a function name at ${this.i}`);
    if (!this.expect('(')) return undefined;
    const args: Record<string, unknown> = {};
    const ok = this.items(')', () => {
      if (this.text.startsWith('**', this.i)) {
        this.i += 2;
        const spread = this.value(0);
        if (this.bad) return;
        if (typeof spread !== 'object' || spread === null || Array.isArray(spread)) return void this.fail('** needs a dict');
        for (const key of Object.keys(spread)) setOwn(args, key, (spread as Record<string, unknown>)[key]);
        return;
      }
      const key = this.word(/\w/);
      if (this.bad) return;
      if (!/^[A-Za-z_]/.test(key)) return void this.fail(`positional arguments are not supported (at ${this.i})`);
      if (!this.expect('=')) return;
      const value = this.value(0);
      if (!this.bad) setOwn(args, key, value);
    });
    return ok ? { name, arguments: args } : undefined;
  }

  /** Items up to `close`, separated by commas (a trailing comma allowed); the opener is already read. */
  items(close: string, item: () => void): boolean {
    this.ws();
    while (!this.bad && this.peek() !== close) {
      item();
      this.ws();
      const c = this.peek();
      if (c === ',') {
        this.i++;
        this.ws();
      } else if (c !== close) {
        this.fail(`expected ',' or '${close}' at ${this.i}`);
      }
    }
    if (this.bad) return false;
    this.i++;
    return true;
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) return this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    this.ws();
    const c = this.peek();
    if (c === '') return undefined;
    if (c === '[' || c === '(') {
      this.i++;
      const list: unknown[] = [];
      this.items(c === '[' ? ']' : ')', () => list.push(this.value(depth + 1)));
      return list;
    }
    if (c === '{') {
      this.i++;
      const dict: Record<string, unknown> = {};
      this.items('}', () => {
        const key = this.value(depth + 1);
        if (this.bad) return;
        if (typeof key !== 'string' && typeof key !== 'number') return void this.fail('dict keys must be strings or numbers');
        if (!this.expect(':')) return;
        const value = this.value(depth + 1);
        if (!this.bad) setOwn(dict, String(key), value);
      });
      return dict;
    }
    if (c === '"' || c === "'") return this.string(c);
    if (/[-+.\d]/.test(c)) return this.number();
    const word = this.word(/\w/);
    if (this.bad) return undefined;
    const next = this.i < this.limit ? this.text.charAt(this.i) : '';
    if (/^[rRuU]$/.test(word) && (next === '"' || next === "'")) return this.string(next, word === 'r' || word === 'R');
    const literal = LITERALS.get(word);
    if (literal === undefined) return this.fail(`unknown name ${JSON.stringify(word.slice(0, 40))} (only literals are read)`);
    return literal.value;
  }

  number(): number | undefined {
    const token = this.word(/[-+.\deE_xXa-fA-F]/);
    if (this.bad) return undefined;
    const clean = token.split('_').join('');
    const value = /^[-+]?0[xX]/.test(clean) ? Number.parseInt(clean, 16) : Number(clean);
    if (!NUMBER.test(clean) || !Number.isFinite(value)) return this.fail(`bad number ${JSON.stringify(token.slice(0, 40))}`);
    return value;
  }

  string(quote: string, raw = false): string | undefined {
    const triple = this.text.startsWith(quote.repeat(3), this.i);
    this.i += triple ? 3 : 1;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '') return undefined;
      if (c === quote && (!triple || this.text.startsWith(quote.repeat(3), this.i))) {
        this.i += triple ? 3 : 1;
        return out;
      }
      if (c === '\\' && !raw) {
        this.i++;
        const escaped = this.escape();
        if (escaped === undefined) return undefined;
        out += escaped;
        continue;
      }
      if (c === '\n' && !triple) return this.fail('a line break inside a string');
      out += c;
      this.i++;
    }
  }

  escape(): string | undefined {
    const c = this.peek();
    if (c === '') return undefined;
    this.i++;
    if (c === 'u' || c === 'x' || c === 'U') {
      const size = c === 'u' ? 4 : c === 'x' ? 2 : 8;
      const hex = this.text.slice(this.i, Math.min(this.i + size, this.limit));
      if (hex.length < size && this.i + hex.length >= this.limit && (hex === '' || HEX.test(hex))) return this.fail('the text ends inside an escape', this.openEnded);
      if (hex.length < size || !HEX.test(hex)) return this.fail('bad \\u escape');
      this.i += size;
      const code = Number.parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : this.fail('bad code point');
    }
    if (c === '\n') return '';
    return ESCAPES[c] ?? c;
  }
}

const LITERALS = new Map<string, { value: unknown }>([
  ['True', { value: true }],
  ['False', { value: false }],
  ['None', { value: null }],
  ['true', { value: true }],
  ['false', { value: false }],
  ['null', { value: null }],
]);

function finish(reader: PyReader, calls: PyCall[]): PyRead {
  if (reader.bad) return reader.bad.truncated ? { kind: 'truncated' } : { kind: 'error', message: reader.bad.message, end: reader.bad.at };
  return { kind: 'ok', calls, end: reader.i };
}

function readList(reader: PyReader): PyCall[] {
  const calls: PyCall[] = [];
  if (!reader.expect('[')) return calls;
  reader.items(']', () => {
    const call = reader.call();
    if (call) calls.push(call);
  });
  return calls;
}

/**
 * Reads a call list `[f(...), g(...)]` at `start` (which must be `[`). With `openEnded`, running out
 * of text before `limit` means the list is still streaming (`truncated`). Never throws.
 */
export function readCallList(text: string, start: number, limit = text.length, openEnded = true): PyRead {
  const reader = new PyReader(text, start, limit, openEnded);
  const calls = readList(reader);
  if (!reader.bad && calls.length === 0) reader.fail('an empty list is not a call');
  return finish(reader, calls);
}

/** Reads calls one after another (OLMo 3's newline-separated form) from `start` up to `limit`. */
export function readCallLines(text: string, start: number, limit: number): PyRead {
  const reader = new PyReader(text, start, limit, false);
  const calls: PyCall[] = [];
  reader.ws();
  while (!reader.bad && reader.i < limit) {
    if (text.charAt(reader.i) === '[') {
      calls.push(...readList(reader));
    } else {
      const call = reader.call();
      if (call) calls.push(call);
    }
    reader.ws();
    if (reader.i < limit && text.charAt(reader.i) === ',') reader.i++;
    reader.ws();
  }
  return finish(reader, calls);
}

/** Writes a value as a Python literal that {@link readCallList} reads back. */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).map((key) => `${JSON.stringify(key)}: ${pythonLiteral(record[key])}`).join(', ')}}`;
  }
  return JSON.stringify(String(value));
}

/** Writes `name(k=v, ...)`; keys that are not identifiers go in a `**{...}` spread. */
export function pythonCall(name: string, args: Record<string, unknown>): string {
  const keys = Object.keys(args);
  const plain = keys.filter((key) => /^[A-Za-z_]\w*$/.test(key));
  const other = keys.filter((key) => !/^[A-Za-z_]\w*$/.test(key));
  const parts = plain.map((key) => `${key}=${pythonLiteral(args[key])}`);
  if (other.length > 0) parts.push(`**{${other.map((key) => `${JSON.stringify(key)}: ${pythonLiteral(args[key])}`).join(', ')}}`);
  return `${name}(${parts.join(', ')})`;
}
