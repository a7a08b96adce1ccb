import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_RETRY_WAIT_MS, retryAfterMs, retryWaitMs } from '../../../src/llm/openai-compatible/retry-delay';

const now = Date.parse('2025-06-01T12:00:00Z');

describe('retry delays', () => {
  it('reads Retry-After in seconds, as an HTTP date, and retry-after-ms', () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': '5' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'Retry-After': '0.5' }), now)).toBe(500);
    expect(retryAfterMs(new Headers({ 'Retry-After': new Date(now + 20_000).toUTCString() }), now)).toBe(20_000);
    expect(retryAfterMs(new Headers({ 'Retry-After': new Date(now - 20_000).toUTCString() }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'Retry-After': '9' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'Retry-After': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'Retry-After': '-3' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it('every wait is finite and at most 60 s, whatever the server sends', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat({ max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (after, afterMs, attempt, jitter) => {
        const headers = new Headers();
        try {
          headers.set('Retry-After', after);
          headers.set('retry-after-ms', afterMs);
        } catch {
          // Not a valid header value: the server could not have sent it.
        }
        const wait = retryWaitMs(headers, attempt, () => jitter, now);
        expect(Number.isFinite(wait)).toBe(true);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(MAX_RETRY_WAIT_MS);
      }),
    );
  });

  it('backs off exponentially up to 8 s with at most 25 % jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => backoffMs(attempt, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffMs(0, () => 0.999999)).toBe(375);
    expect(retryWaitMs(undefined, 1, () => 0, now)).toBe(1000);
  });
});
