import type { ToolCall } from '../core/types';

const MAX_DEPTH = 256;

/** Thrown when a value is not plain JSON-like data (functions, class instances, cycles, too deep). */
export class NotJsonDataError extends Error {
  constructor(path: string, what: string) {
    super(`${path || 'value'} ${what}`);
    this.name = 'NotJsonDataError';
  }
}

function isPlainPrototype(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function copyValue(value: unknown, path: string, depth: number, ancestors: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === undefined) {
    return value;
  }
  if (typeof value !== 'object') throw new NotJsonDataError(path, `is a ${typeof value}, not JSON data`);
  if (depth > MAX_DEPTH) throw new NotJsonDataError(path, `is nested more than ${MAX_DEPTH} levels deep`);
  if (ancestors.has(value)) throw new NotJsonDataError(path, 'refers to itself');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item, index) => copyValue(item, `${path}[${index}]`, depth + 1, ancestors));
    }
    if (!isPlainPrototype(value)) throw new NotJsonDataError(path, 'is not a plain object');
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      // defineProperty, not assignment: a key named "__proto__" must stay an ordinary own
      // property instead of replacing the copy's prototype.
      Object.defineProperty(copy, key, {
        value: copyValue((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1, ancestors),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * A deep copy of JSON-like data (plain objects, arrays, strings, numbers, booleans, null),
 * reading every property exactly once. Throws NotJsonDataError for anything else, so a getter,
 * class instance or cycle cannot make the copy differ from what was checked.
 */
export function deepCopyJson<T>(value: T): T {
  return copyValue(value, '', 0, new Set()) as T;
}

/**
 * Freezes a value and everything inside it. Meant for fresh data from deepCopyJson: an object
 * that is already frozen is taken as done (which also ends cycles).
 */
export function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * A detached, deeply frozen copy of a tool call: the exact object the person approves and the
 * tool then receives. Stops approval tampering, where the call is changed after approval.
 */
export function freezeCall(call: ToolCall): Readonly<ToolCall> {
  const copy: ToolCall = {
    id: String(call.id),
    name: String(call.name),
    arguments: deepCopyJson(call.arguments),
  };
  return deepFreeze(copy);
}
