/**
 * Growth checks for parsers: a super-linear path is caught by comparing the time at 4× the size with
 * the time at 1×, which stays meaningful on a loaded machine where flat millisecond budgets do not.
 * Linear work gives about 4×; quadratic about 16×. The limit is 6×.
 */

/** Times at 4× the size may be at most this many times the time at 1×. */
export const GROWTH_LIMIT = 6;
/** Times below this are timer and scheduler noise; the ratio is taken against at least this. */
const FLOOR_MS = 1;
const REPETITIONS = 5;
/** Fewer at the larger sizes of a re-measure, where one run is tens of milliseconds. */
const RETRY_REPETITIONS = 3;

/** One measured pair: the best of a few runs at each size. */
export interface Growth {
  size: number;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

// The smaller of CPU time and wall time: both only ever add to the main thread's work — wall time
// the wait for a core on a shared machine, CPU time V8's background compiler and collector threads.
function timed(run: () => void): number {
  const cpuStarted = process.cpuUsage();
  const wallStarted = performance.now();
  run();
  const wall = performance.now() - wallStarted;
  const cpu = process.cpuUsage(cpuStarted);
  return Math.min(wall, (cpu.user + cpu.system) / 1000);
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
 * repetitions at each size (noise only ever adds time). Small inputs are screened first because they
 * are cheap; a pair over the limit is measured again at the next sizes of `sizes`. Why: between about
 * 128 K and 512 K characters a linear parser leaves the CPU caches and V8's young generation, which
 * alone costs ×6–×10 across that step (measured); from 1 M characters up both sides of a pair are in
 * the same regime and linear work measures ×3.5–×5. A quadratic parser fails at every size (×16), so
 * the re-measure cannot hide one.
 */
export function measureGrowth(make: (size: number) => string, run: (text: string) => void, sizes: readonly number[]): Growth {
  let result: Growth | undefined;
  for (const [index, size] of sizes.entries()) {
    result = measurePair(make, run, size, index === 0 ? REPETITIONS : RETRY_REPETITIONS);
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
