/**
 * HTTP error statuses → Tabagent errors, decided once for every caller (the engine, HTTP and
 * OpenAPI tools), so the same status always gets the same code and the same retry advice.
 */
import { TabagentError, type ErrorCode } from './errors';

/** The error code for an HTTP error status (4xx/5xx). */
export function errorCodeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'bad-request';
}

/** Whether sending the same request again may succeed: a timeout, a rate limit or a server failure. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The typed error for an HTTP error status: its code, `data.status` and whether a retry may help.
 * `message` is the caller's, written for the person (it says what to do).
 */
export function errorFromStatus(status: number, message: string, options: { data?: Record<string, unknown>; cause?: unknown } = {}): TabagentError {
  return new TabagentError(errorCodeForStatus(status), message, {
    ...options,
    data: { status, ...options.data },
    isRetryable: isRetryableStatus(status),
  });
}
