/** Tiny benchmark helpers: figures are reported as ratios against a baseline measured in the same process. */

export interface Measurement {
  name: string;
  /** Median milliseconds per operation. */
  medianMs: number;
  iterations: number;
}

/** Runs `operation` in batches until `budgetMs` is spent and returns the median time per call. */
export function measure(name: string, operation: () => unknown, budgetMs = 400): Measurement {
  for (let warm = 0; warm < 20; warm += 1) operation();
  const samples: number[] = [];
  let batch = 1;
  const deadline = performance.now() + budgetMs;
  while (performance.now() < deadline || samples.length < 5) {
    const start = performance.now();
    for (let index = 0; index < batch; index += 1) operation();
    const elapsed = performance.now() - start;
    if (elapsed < 1) {
      batch *= 2;
      continue;
    }
    samples.push(elapsed / batch);
  }
  samples.sort((a, b) => a - b);
  return { name, medianMs: samples[Math.floor(samples.length / 2)] ?? 0, iterations: samples.length * batch };
}

/** A named ratio: how many baselines one subject costs. */
export function ratio(subject: Measurement, baseline: Measurement): number {
  return Number((subject.medianMs / baseline.medianMs).toFixed(3));
}
