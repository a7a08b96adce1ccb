import { describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_LIMITS, resolveLimits } from '../../../src/tools/sandbox/limits';

describe('resolveLimits', () => {
  it('gives the defaults when nothing is asked for', () => {
    expect(resolveLimits()).toEqual({
      cpuTimeMs: 2_000,
      memoryBytes: 32 * 1024 * 1024,
      stackBytes: 256 * 1024,
      maxOutputChars: 16_000,
      maxResultChars: 64_000,
    });
    expect(Object.isFrozen(DEFAULT_SANDBOX_LIMITS)).toBe(true);
  });

  it('clamps each request between its floor and its ceiling, rounding down', () => {
    expect(resolveLimits({ cpuTimeMs: 10_000_000, memoryBytes: 1024, stackBytes: 1, maxOutputChars: 2.9, maxResultChars: 5_000_000 })).toEqual({
      cpuTimeMs: 60_000,
      memoryBytes: 20 * 1024 * 1024,
      stackBytes: 16 * 1024,
      maxOutputChars: 2,
      maxResultChars: 1_000_000,
    });
  });

  it('falls back to the default for a value that is not a positive finite number', () => {
    const asked = { cpuTimeMs: 0, memoryBytes: Number.NaN, stackBytes: -5, maxOutputChars: Number.POSITIVE_INFINITY, maxResultChars: '9' as unknown as number };
    expect(resolveLimits(asked)).toEqual(DEFAULT_SANDBOX_LIMITS);
  });
});
