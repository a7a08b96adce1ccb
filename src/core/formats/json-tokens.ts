import type { RepairLog } from './repair-log';

/**
 * The scalar tokens of the tolerant JSON reader: strings, numbers, literals, whitespace and comments.
 * Each scanner looks at every character once and reports whether the text ended inside the token
 * (`truncated`), so a streamed prefix is never mistaken for a finished value.
 */

/** A scanned token: its value, the index after it, and whether the text ended inside it. */
export interface Token<T> {
  value: T;
  end: number;
  truncated: boolean;
}

export const QUOTE = 0x22;
export const APOS = 0x27;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;

const STRICT_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LOOSE_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const WORDS: ReadonlyArray<readonly [string, unknown, boolean]> = [
  ['true', true, false],
  ['false', false, false],
  ['null', null, false],
  ['True', true, true],
  ['False', false, true],
  ['None', null, true],
];
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', "'": "'" };

/** First character of a number (a lone `.` too: `.5` is repaired). */
export function isDigitStart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/** ASCII letter. */
export function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Character of an unquoted key (`max-results`, `$ref`, non-ASCII names). */
export function isIdentChar(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24 || c === 0x2d || c >= 0x80;
}

/** First character of an unquoted key. */
export function isIdentStart(c: number): boolean {
  return isLetter(c) || c === 0x5f || c === 0x24 || c >= 0x80;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0 || c === 0xfeff;
}

/** A short, quoted excerpt for error messages. */
export function describe(text: string, at: number): string {
  return JSON.stringify(text.slice(at, at + 12));
}

/**
 * Scans a string opened by `quote` at `at` (double or single quote). Invalid escapes and raw control
 * characters are kept (and logged); an unterminated string runs to `limit` and is `truncated`.
 */
export function scanString(text: string, at: number, limit: number, log: RepairLog): Token<string> {
  const quote = text.charCodeAt(at);
  if (quote === APOS) log.add('converted single-quoted string');
  const parts: string[] = [];
  let i = at + 1;
  let chunk = i;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      parts.push(text.slice(chunk, i));
      return { value: parts.join(''), end: i + 1, truncated: false };
    }
    if (c === BACKSLASH) {
      parts.push(text.slice(chunk, i));
      chunk = i;
      if (i + 1 >= limit) break; // the escape itself was cut off
      const e = text.charAt(i + 1);
      if (e === 'u') {
        if (i + 6 > limit) break; // \uXXXX cut off
        const hex = text.slice(i + 2, i + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          parts.push(String.fromCharCode(parseInt(hex, 16)));
          i += 6;
        } else {
          log.add('kept an invalid escape');
          parts.push('u');
          i += 2;
        }
      } else {
        const mapped = ESCAPES[e];
        if (mapped === undefined) log.add('kept an invalid escape');
        parts.push(mapped ?? e);
        i += 2;
      }
      chunk = i;
      continue;
    }
    if (c < 0x20) log.add('accepted a raw control character in a string');
    i++;
  }
  if (chunk < i) parts.push(text.slice(chunk, limit));
  log.add('closed an unterminated string');
  return { value: parts.join(''), end: limit, truncated: true };
}

/**
 * Scans a number. At `limit` the number may continue in text not yet streamed: it is `truncated`,
 * a dangling sign, dot or exponent is dropped, and `value` is undefined when nothing is left.
 */
export function scanNumber(text: string, at: number, limit: number, log: RepairLog): Token<number | undefined> | { error: string } {
  let end = at;
  while (end < limit && isNumberChar(text.charCodeAt(end))) end++;
  let literal = text.slice(at, end);
  if (end >= limit) {
    let k = literal.length;
    while (k > 0 && '.eE+-'.includes(literal.charAt(k - 1))) k--;
    literal = literal.slice(0, k);
    return { value: LOOSE_NUMBER.test(literal) ? Number(literal) : undefined, end, truncated: true };
  }
  if (!LOOSE_NUMBER.test(literal)) return { error: `invalid number ${describe(text, at)}` };
  if (!STRICT_NUMBER.test(literal)) log.add('accepted a non-standard number');
  return { value: Number(literal), end, truncated: false };
}

/** Scans `true`/`false`/`null`, Python's `True`/`False`/`None` (repaired), or a prefix of one at `limit`. */
export function scanWord(text: string, at: number, limit: number, log: RepairLog): Token<unknown> | { error: string } {
  let end = at;
  while (end < limit && isLetter(text.charCodeAt(end))) end++;
  const word = text.slice(at, end);
  for (const [name, value, python] of WORDS) {
    if (word === name || (end >= limit && name.startsWith(word))) {
      if (python) log.add('converted Python literal True/False/None');
      return { value, end, truncated: word !== name };
    }
  }
  return { error: `unexpected word ${describe(text, at)}` };
}

/**
 * Skips whitespace and comments (`//…`, `/*…*\/`, logged as repairs). `truncated` when the text ends
 * inside a comment or on a lone `/` that may start one.
 */
export function skipSpace(text: string, at: number, limit: number, log: RepairLog): { end: number; truncated: boolean } {
  let i = at;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c !== SLASH) break;
    if (i + 1 >= limit) return { end: limit, truncated: true };
    const next = text.charCodeAt(i + 1);
    if (next === SLASH) {
      const newline = text.indexOf('\n', i + 2);
      i = newline < 0 || newline >= limit ? limit : newline + 1;
    } else if (next === STAR) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > limit) return { end: limit, truncated: true };
      i = close + 2;
    } else {
      break;
    }
    log.add('removed a comment');
  }
  return { end: i, truncated: false };
}
