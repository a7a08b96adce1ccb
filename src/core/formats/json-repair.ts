import { readJsonValue } from './json-reader';
import { RepairLog } from './repair-log';

export { readJsonValue, setOwn, type JsonRead } from './json-reader';

/** A successful {@link repairJson}: the value, what was repaired, and whether the text was cut off. */
export interface RepairedJson {
  value: unknown;
  /** One message per kind of repair (empty when the text was valid JSON). */
  repairs: string[];
  /**
   * The text ended inside the value and closers were supplied. Streaming callers use this to tell an
   * unfinished value from a finished one.
   */
  truncated: boolean;
}

/** A failed {@link repairJson}. */
export interface UnrepairableJson {
  error: string;
}

/** How many times a JSON-encoded string is decoded again (`"{\"a\":1}"` → `{a: 1}`). */
const MAX_DECODE_DEPTH = 3;

/**
 * Reads model-written JSON, repairing common damage; never throws, runs in linear time.
 *
 * Repairs (each reported in `repairs`): a surrounding code fence (```json … ```), trailing and
 * missing commas, single-quoted strings, unquoted keys, Python `True`/`False`/`None`, comments,
 * mismatched or extra closing brackets, unclosed brackets or an unterminated string at the end of the
 * text (`truncated` is then true), and a whole value given as a JSON-encoded string that itself holds
 * an object. Objects are built like `JSON.parse` builds them: a `__proto__` key becomes an own property.
 *
 * Not repaired: text around the value (other than a fence), unquoted string values, `NaN`/`Infinity`.
 */
export function repairJson(text: string): RepairedJson | UnrepairableJson {
  const first = readWhole(String(text));
  if ('error' in first) return first;
  const log = new RepairLog();
  log.addAll(first.repairs);
  let value = first.value;
  for (let depth = 0; depth < MAX_DECODE_DEPTH && typeof value === 'string'; depth++) {
    const inner = value.trim();
    if (!inner.startsWith('{') && !inner.startsWith('```')) break;
    const decoded = readWhole(inner);
    if ('error' in decoded || !isPlainObject(decoded.value)) break;
    log.add('decoded a value given as a JSON-encoded string');
    log.addAll(decoded.repairs);
    value = decoded.value;
  }
  return { value, repairs: log.list(), truncated: first.truncated };
}

import { isRecord as isPlainObject } from '../is-record';

export { isPlainObject };

/**
 * Where the content of a code fence starts and ends, if `text` is wrapped in one. `start` is just
 * after the fence's language tag; `end` before the closing fence (or the end of the text when the
 * fence was never closed).
 */
export function fenceBounds(text: string): { start: number; end: number; fenced: boolean; closed: boolean } {
  let start = 0;
  while (start < text.length && /\s/.test(text.charAt(start))) start++;
  if (!text.startsWith('```', start)) return { start, end: text.length, fenced: false, closed: false };
  start += 3;
  while (start < text.length && /[\w+-]/.test(text.charAt(start))) start++;
  let end = text.length;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  const closed = end - start >= 3 && text.startsWith('```', end - 3);
  return { start, end: closed ? end - 3 : text.length, fenced: true, closed };
}

function readWhole(text: string): RepairedJson | UnrepairableJson {
  const fence = fenceBounds(text);
  const read = readJsonValue(text, fence.start, fence.end);
  if (read.error !== undefined) return { error: read.error };
  if (read.value === undefined) return { error: 'no JSON value in the text' };
  const log = new RepairLog();
  if (fence.fenced) log.add(fence.closed ? 'removed a code fence' : 'removed an unclosed code fence');
  log.addAll(read.repairs);
  let i = read.end;
  for (; i < fence.end; i++) {
    const c = text.charAt(i);
    if (c === '}' || c === ']') log.add('removed an extra closing bracket');
    else if (!/\s/.test(c)) return { error: `unexpected text after the JSON value: ${JSON.stringify(text.slice(i, i + 20))}` };
  }
  return { value: read.value, repairs: log.list(), truncated: read.truncated };
}
