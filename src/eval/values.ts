/**
 * How argument values are compared. Two values are equal when their canonical keys are equal:
 * - strings are trimmed, NFKC-normalised and lower-cased ("  Paris " = "paris");
 * - numbers compare numerically, and a string holding a plain decimal number counts as that number
 *   (5 = 5.0 = "5"), because models often quote numbers;
 * - booleans equal the strings "true" / "false" (any case);
 * - null is null;
 * - arrays and objects compare as canonical JSON: keys sorted, members normalised by these same
 *   rules (so {"b": 1, "a": "X"} = {"a": "x", "b": 1}); array order matters.
 */

import { isRecord } from '../core/is-record';

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The normalised form of a value (see the module comment); equal forms mean equal values. */
export function normalizeValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.trim().normalize('NFKC').toLowerCase();
    if (NUMBER_TEXT.test(text)) return Number(text);
    if (text === 'true') return true;
    if (text === 'false') return false;
    return text;
  }
  if (typeof value === 'number') return Object.is(value, -0) ? 0 : value;
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (isRecord(value)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = normalizeValue(value[key]);
    return sorted;
  }
  // undefined (a missing value) and anything exotic compare as null.
  return value ?? null;
}

/** A string that is equal for equal values: the canonical JSON of the normalised value. */
export function valueKey(value: unknown): string {
  return JSON.stringify(normalizeValue(value)) ?? 'null';
}

/** Whether two values are equal under the normalisation above. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  return valueKey(a) === valueKey(b);
}

/** Whether `accepted` (a list of accepted values) marks its argument optional: it contains "". */
export function isOptional(accepted: readonly unknown[]): boolean {
  return accepted.some((value) => value === '');
}

/**
 * Whether `predicted` is one of `accepted`. An accepted object whose every member is itself a list
 * is also read the BFCL way, as accepted values per nested key (optional where the list holds ""),
 * because BFCL writes nested dictionaries like that; a plain canonical match is tried first.
 */
export function matchesAccepted(predicted: unknown, accepted: readonly unknown[]): boolean {
  return accepted.some((candidate) => {
    if (candidate === '' && predicted !== '') return false;
    return valuesEqual(predicted, candidate) || matchesNested(predicted, candidate);
  });
}

function matchesNested(predicted: unknown, candidate: unknown): boolean {
  if (!isRecord(predicted) || !isRecord(candidate)) return false;
  const lists = Object.entries(candidate);
  if (lists.length === 0 || !lists.every(([, list]) => Array.isArray(list))) return false;
  for (const key of Object.keys(predicted)) {
    if (!Object.prototype.hasOwnProperty.call(candidate, key)) return false;
  }
  return lists.every(([key, list]) => {
    const values = list as unknown[];
    if (!Object.prototype.hasOwnProperty.call(predicted, key)) return isOptional(values);
    return matchesAccepted(predicted[key], values);
  });
}
