/** How long to wait before retrying: the server's `Retry-After` when it sends one, else capped backoff. */

/** No single wait is longer than this, whatever the server asks: the user is watching. */
export const MAX_RETRY_WAIT_MS = 60_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/**
 * Reads `retry-after-ms` (OpenAI, milliseconds) or `Retry-After` (seconds or an HTTP date).
 * Returns undefined when neither is present or readable.
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  // Only a real HTTP date has letters (a weekday, a month, GMT); Date.parse alone accepts "-3".
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s) with up to 25 % jitter so clients spread out. */
export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** attempt, MAX_BACKOFF_MS);
  return Math.round(base * (1 - random() * 0.25));
}

/** The wait before retry number `attempt + 1`: the server's hint if any, else backoff; never over 60 s. */
export function retryWaitMs(headers: Headers | undefined, attempt: number, random: () => number, now: number): number {
  const hinted = headers === undefined ? undefined : retryAfterMs(headers, now);
  return Math.min(hinted ?? backoffMs(attempt, random), MAX_RETRY_WAIT_MS);
}
