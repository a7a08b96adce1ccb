/**
 * One error family for the whole app. Errors are recognised by a marker property rather
 * than `instanceof`, which breaks across bundles and worker boundaries.
 */

/**
 * Every error code Tabagent raises. Codes are stable: callers branch on them (`aborted`, `denied`, …);
 * retries read `isRetryable`, not the code.
 */
export type ErrorCode =
  | 'auth' // 401/403: the key is missing or wrong
  | 'not-found' // 404: wrong model name or base URL
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'network' // fetch failed: offline, DNS, CORS, refused
  | 'malformed-stream' // the server's stream broke the protocol or ended early
  | 'bad-request' // 400/422: the server rejected what we sent
  | 'aborted' // the user stopped it
  | 'timeout'
  | 'invalid-manifest'
  | 'invalid-arguments'
  | 'unknown-tool'
  | 'tool-failed'
  | 'denied' // the user refused a side-effecting call
  | 'network-blocked' // the network door refused a request (origin not granted, secret to the wrong origin)
  | 'step-limit'
  | 'config' // settings are incomplete or wrong
  | 'storage'
  | 'invalid-file' // a file the person chose cannot be read (damaged PDF, bad backup)
  | 'integrity' // a downloaded file does not match the hash its source publishes
  | 'internal';

const MARKER = 'tabagent.error';

export interface TabagentErrorOptions {
  /** Structured detail for logs and UI (never secrets). */
  data?: Record<string, unknown>;
  /** Whether trying the same thing again may succeed. */
  isRetryable?: boolean;
  cause?: unknown;
}

/** The base error. `message` is written for the person using the app: it says what to do. */
export class TabagentError extends Error {
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;
  readonly isRetryable: boolean;

  constructor(code: ErrorCode, message: string, options: TabagentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TabagentError';
    this.code = code;
    this.data = options.data ?? {};
    this.isRetryable = options.isRetryable ?? false;
  }

  /** True for any Tabagent error, even one from another bundle or rebuilt after a worker hop. */
  static is(value: unknown): value is TabagentError {
    return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[MARKER] === true;
  }

  /** Plain-object form that survives structured clone (workers) and JSON. */
  toJSON(): SerializedTabagentError {
    return { [MARKER]: true, code: this.code, message: this.message, data: this.data, isRetryable: this.isRetryable };
  }

  /** Rebuilds an error from `toJSON()` output. */
  static fromJSON(value: SerializedTabagentError): TabagentError {
    return new TabagentError(value.code, value.message, { data: value.data, isRetryable: value.isRetryable });
  }
}

export interface SerializedTabagentError {
  [MARKER]: true;
  code: ErrorCode;
  message: string;
  data: Record<string, unknown>;
  isRetryable: boolean;
}

/**
 * The error everything stopped by the person ends with (code 'aborted'). One constructor, so every
 * layer's Stop reads the same; `message` names what was stopped where that helps.
 */
export function abortedError(message = 'Stopped.', options: TabagentErrorOptions = {}): TabagentError {
  return new TabagentError('aborted', message, options);
}

/** Wraps anything thrown into a TabagentError, keeping Tabagent errors as they are. */
export function toTabagentError(value: unknown, fallback: ErrorCode = 'internal'): TabagentError {
  if (TabagentError.is(value)) return value;
  if (isAbortError(value)) return abortedError('Stopped.', { cause: value });
  const message = value instanceof Error ? value.message : String(value);
  return new TabagentError(fallback, message, { cause: value });
}

/** True for a DOMException AbortError or a Tabagent 'aborted' error. */
export function isAbortError(value: unknown): boolean {
  if (TabagentError.is(value)) return value.code === 'aborted';
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError';
}
