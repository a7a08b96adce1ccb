import { describe, expect, it } from 'vitest';
import { raceAbort, throwIfAborted } from '../../../src/core/abort';
import { abortedError, TabagentError, toTabagentError } from '../../../src/core/errors';
import { errorCodeForStatus, errorFromStatus, isRetryableStatus } from '../../../src/core/http-status';
import { isRecord } from '../../../src/core/is-record';

describe('errorFromStatus', () => {
  it('maps every status class to one code and one retry advice', () => {
    const cases: Array<[number, string, boolean]> = [
      [400, 'bad-request', false],
      [401, 'auth', false],
      [403, 'auth', false],
      [404, 'not-found', false],
      [408, 'timeout', true],
      [409, 'bad-request', false],
      [422, 'bad-request', false],
      [429, 'rate-limited', true],
      [500, 'server', true],
      [503, 'server', true],
    ];
    for (const [status, code, retryable] of cases) {
      expect(errorCodeForStatus(status), String(status)).toBe(code);
      expect(isRetryableStatus(status), String(status)).toBe(retryable);
      const error = errorFromStatus(status, `HTTP ${status}`, { data: { url: 'https://api.example' } });
      expect(TabagentError.is(error)).toBe(true);
      expect(error).toMatchObject({ code, isRetryable: retryable, message: `HTTP ${status}`, data: { status, url: 'https://api.example' } });
    }
  });
});

describe('abortedError', () => {
  it('is the one aborted error: code, default message, custom message and cause', () => {
    expect(abortedError()).toMatchObject({ code: 'aborted', message: 'Stopped.', isRetryable: false });
    const cause = new DOMException('x', 'AbortError');
    const named = abortedError('Tool t was stopped.', { cause });
    expect(named).toMatchObject({ code: 'aborted', message: 'Tool t was stopped.' });
    expect(named.cause).toBe(cause);
    expect(toTabagentError(cause)).toMatchObject({ code: 'aborted', message: 'Stopped.' });
  });

  it('throwIfAborted throws it only once the signal fired', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal)).toThrow(expect.objectContaining({ code: 'aborted' }));
  });

  it('raceAbort rejects with the given error as soon as the signal fires, and runs its side effect', async () => {
    const controller = new AbortController();
    let cancelled = 0;
    const never = new Promise<never>(() => undefined);
    const raced = raceAbort(never, controller.signal, () => {
      cancelled += 1;
      return abortedError();
    });
    controller.abort();
    await expect(raced).rejects.toMatchObject({ code: 'aborted' });
    expect(cancelled).toBe(1);
    await expect(raceAbort(Promise.resolve(7), new AbortController().signal, abortedError)).resolves.toBe(7);
  });
});

describe('isRecord', () => {
  it('accepts plain objects only', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord('x')).toBe(false);
    expect(isRecord(1)).toBe(false);
    expect(isRecord(undefined)).toBe(false);
  });
});
