import type { SandboxLimits } from './types';

/** The limits a run gets unless it asks for others. */
export const DEFAULT_SANDBOX_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  cpuTimeMs: 2_000,
  memoryBytes: 32 * 1024 * 1024,
  // About 1,500 nested calls. The interpreter's own stack check should trip before the host
  // engine's native stack runs out (past ~400 KB, V8 often overflows first); so this is also
  // the ceiling, and a host overflow is reported as the same stack-limit failure.
  stackBytes: 256 * 1024,
  maxOutputChars: 16_000,
  maxResultChars: 64_000,
});

/** The least each limit may be: the interpreter itself starts with 16 MB of memory. */
const FLOORS: Readonly<SandboxLimits> = Object.freeze({
  cpuTimeMs: 1,
  memoryBytes: 20 * 1024 * 1024,
  stackBytes: 16 * 1024,
  maxOutputChars: 1,
  maxResultChars: 1,
});

/** The most any request may ask for, so a caller (or a model) cannot lift the limits away. */
const CEILINGS: Readonly<SandboxLimits> = Object.freeze({
  cpuTimeMs: 60_000,
  memoryBytes: 512 * 1024 * 1024,
  stackBytes: 256 * 1024,
  maxOutputChars: 1_000_000,
  maxResultChars: 1_000_000,
});

function resolve(name: keyof SandboxLimits, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return DEFAULT_SANDBOX_LIMITS[name];
  return Math.min(Math.max(Math.floor(value), FLOORS[name]), CEILINGS[name]);
}

/** Fills in defaults and clamps each limit between its floor and its ceiling. */
export function resolveLimits(limits: Partial<SandboxLimits> = {}): SandboxLimits {
  return {
    cpuTimeMs: resolve('cpuTimeMs', limits.cpuTimeMs),
    memoryBytes: resolve('memoryBytes', limits.memoryBytes),
    stackBytes: resolve('stackBytes', limits.stackBytes),
    maxOutputChars: resolve('maxOutputChars', limits.maxOutputChars),
    maxResultChars: resolve('maxResultChars', limits.maxResultChars),
  };
}
