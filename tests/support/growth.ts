/**
 * Growth checks for parsers: a super-linear path is caught by comparing the time at 4× the size with
 * the time at 1×, which stays meaningful on a loaded machine where flat millisecond budgets do not.
 * Linear work gives about 4×; quadratic about 16×. The limit is 6×.
 */

/** Times at 4× the size may be at most this many times the time at 1×. */
export const GROWTH_LIMIT = 6;
/** Times below this are timer and scheduler noise; the ratio is taken against at least this. */
const FLOOR_MS = 1;
const REPETITIONS = 3;

/** One measured pair: the best of a few runs at each size. */
export interface Growth {
  size: number;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

// CPU time of this process, not wall time: on a shared machine the wait for a core is not the
// parser's cost, and would swamp the ratio.
function timed(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function measurePair(make: (size: number) => string, run: (text: string) => void, size: number, repetitions: number): Growth {
  const small = make(size);
  const large = make(size * 4);
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let r = 0; r < repetitions; r++) {
    smallMs = Math.min(smallMs, timed(() => run(small)));
    largeMs = Math.min(largeMs, timed(() => run(large)));
  }
  return { size, smallMs, largeMs, ratio: largeMs / Math.max(smallMs, FLOOR_MS) };
}

/**
 * The growth of `run` from input `make(size)` to `make(4 * size)`: the minimum of a few interleaved
 * repetitions at each size (noise only ever adds time). Small inputs are measured first because they
 * are cheap; a pair over the limit is measured again at the next size of `sizes`. Why: between about
 * 64 K and 512 K characters a linear parser leaves the CPU caches and V8's young generation, which
 * alone can cost ×10 on a loaded machine; at the larger sizes both sides are in the same regime. A
 * quadratic parser fails at every size (×16), so the retry cannot hide one.
 */
export function measureGrowth(make: (size: number) => string, run: (text: string) => void, sizes: readonly number[]): Growth {
  let result: Growth | undefined;
  for (const [index, size] of sizes.entries()) {
    // A re-measure is a suspected case: more repetitions, so one slow run does not decide it.
    result = measurePair(make, run, size, index === 0 ? REPETITIONS : REPETITIONS * 2);
    if (result.ratio <= GROWTH_LIMIT) return result;
  }
  if (!result) throw new RangeError('measureGrowth needs at least one size.');
  return result;
}

/** `unit` repeated to exactly `size` characters, then `tail`. */
export const fill = (unit: string, size: number, tail = ''): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size) + tail;

/** A readable line for a failed check. */
export function describeGrowth(label: string, growth: Growth): string {
  return `${label} at ${growth.size / 1024} K: ${growth.smallMs.toFixed(1)} ms → ${growth.largeMs.toFixed(1)} ms (×${growth.ratio.toFixed(1)})`;
}
