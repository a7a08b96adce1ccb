/**
 * Keeps error types, codes and data intact across the worker boundary. Comlink's own 'throw'
 * handler sends only `message`, `name` and `stack`, so a TabagentError would arrive as a plain Error
 * without its code (the web-llm weak spot STYLE.md names). Both sides must register this handler.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { TabagentError, type SerializedTabagentError } from '../../core/errors';

/** What a thrown value becomes on the wire: plain data that survives structured clone. */
export type WireThrown =
  | { kind: 'tabagent'; error: SerializedTabagentError }
  | { kind: 'error'; name: string; message: string; stack?: string }
  | { kind: 'value'; value: unknown };

interface Thrown {
  value: unknown;
}

// Comlink marks thrown values with a private symbol; its description is the stable part.
const THROWN_DESCRIPTION = 'Comlink.thrown';

function isThrown(value: unknown): value is Thrown {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getOwnPropertySymbols(value).some((symbol) => symbol.description === THROWN_DESCRIPTION)
  );
}

const standardErrors: Record<string, new (message: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Turns anything thrown into wire data. */
export function serializeThrown(value: unknown): WireThrown {
  if (TabagentError.is(value)) return { kind: 'tabagent', error: value.toJSON() };
  if (value instanceof Error || (typeof value === 'object' && value !== null && 'message' in value && 'name' in value)) {
    const error = value as Error;
    const wire: WireThrown = { kind: 'error', name: String(error.name), message: String(error.message) };
    if (typeof error.stack === 'string') wire.stack = error.stack;
    return wire;
  }
  return { kind: 'value', value };
}

/** Rebuilds the thrown value: a real TabagentError, the same standard Error class, or the value. */
export function deserializeThrown(wire: WireThrown): unknown {
  switch (wire.kind) {
    case 'tabagent':
      return TabagentError.fromJSON(wire.error);
    case 'error': {
      if (wire.name === 'AbortError' && typeof DOMException !== 'undefined') return new DOMException(wire.message, 'AbortError');
      const ErrorClass = standardErrors[wire.name] ?? Error;
      const error = new ErrorClass(wire.message);
      error.name = wire.name;
      if (wire.stack !== undefined) error.stack = wire.stack;
      return error;
    }
    case 'value':
      return wire.value;
  }
}

const throwHandler: TransferHandler<Thrown, WireThrown> = {
  canHandle: isThrown,
  serialize: (thrown) => [serializeThrown(thrown.value), []],
  deserialize: (wire) => {
    throw deserializeThrown(wire);
  },
};

/** Replaces comlink's 'throw' handler in this realm. Idempotent; call on both sides of a worker. */
export function registerErrorTransfer(): void {
  transferHandlers.set('throw', throwHandler as TransferHandler<unknown, unknown>);
}
