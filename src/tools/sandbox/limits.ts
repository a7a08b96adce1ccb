import type { SandboxLimits } from './types';

/** How one limit is bounded: what a run gets by default, and the least and most it may ask for. */
interface LimitBounds {
  readonly default: number;
  /** The least the limit may be: the interpreter itself starts with 16 MB of memory. */
  readonly floor: number;
  /** The most any request may ask for, so a caller (or a model) cannot lift the limits away. */
  readonly ceiling: number;
}

/** Each limit's default, floor and ceiling on one row, so the three cannot drift apart. */
const BOUNDS: Readonly<Record<keyof SandboxLimits, LimitBounds>> = Object.freeze({
  cpuTimeMs: { default: 2_000, floor: 1, ceiling: 60_000 },
  memoryBytes: { default: 32 * 1024 * 1024, floor: 20 * 1024 * 1024, ceiling: 512 * 1024 * 1024 },
  // About 1,500 nested calls. The interpreter's own stack check should trip before the host
  // engine's native stack runs out (past ~400 KB, V8 often overflows first); so the default is also
  // the ceiling, and a host overflow is reported as the same stack-limit failure.
  stackBytes: { default: 256 * 1024, floor: 16 * 1024, ceiling: 256 * 1024 },
  maxOutputChars: { default: 16_000, floor: 1, ceiling: 1_000_000 },
  maxResultChars: { default: 64_000, floor: 1, ceiling: 1_000_000 },
});

const NAMES = Object.keys(BOUNDS) as (keyof SandboxLimits)[];

/** One limit per name, each made by `pick` (the default, or the clamped request). */
function eachLimit(pick: (name: keyof SandboxLimits) => number): SandboxLimits {
  return Object.fromEntries(NAMES.map((name) => [name, pick(name)])) as unknown as SandboxLimits;
}

/** The limits a run gets unless it asks for others. */
export const DEFAULT_SANDBOX_LIMITS: Readonly<SandboxLimits> = Object.freeze(eachLimit((name) => BOUNDS[name].default));

function resolve(name: keyof SandboxLimits, value: unknown): number {
  const { default: fallback, floor, ceiling } = BOUNDS[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return fallback;
  return Math.min(Math.max(Math.floor(value), floor), ceiling);
}

/** Fills in defaults and clamps each limit between its floor and its ceiling. */
export function resolveLimits(limits: Partial<SandboxLimits> = {}): SandboxLimits {
  return eachLimit((name) => resolve(name, limits[name]));
}
