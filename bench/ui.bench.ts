/**
 * UI: per-token cost of a streamed answer in the chat, in headless Chromium. A page built by Vite
 * (bench/ui) runs the real chat controller, agent loop (Hermes text format), turn persister over
 * real IndexedDB and the Solid transcript; a scripted engine streams answers of 2,000 and 16,000
 * tokens, one token per chunk, each chunk in its own task. per_token_ms is the wall time from
 * send to the saved, painted turn divided by the tokens; a per-token cost independent of the
 * answer's length gives per_token_cost_ratio_16k_vs_2k = 1.0 (the goal: ≤ 1.5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { build, preview, type PreviewServer } from 'vite';
import solid from 'vite-plugin-solid';
import { chromiumArgs } from '../vitest.config';
import type { UiBenchRun } from './ui/page';

/** Runs per size; the median is reported. 16k runs take seconds each. */
const RUNS = { small: Number(process.env.UI_BENCH_RUNS ?? 5), large: Number(process.env.UI_BENCH_RUNS ?? 3) };
/**
 * The answer sizes. UI_BENCH_SMALL / UI_BENCH_LARGE override them (same 1:8 proportion) to measure
 * a code path whose per-token cost grows so fast that 16,000 tokens would take too long; the
 * result's `sizes` says what was measured.
 */
const SMALL = Number(process.env.UI_BENCH_SMALL ?? 2_000);
const LARGE = Number(process.env.UI_BENCH_LARGE ?? 16_000);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Runs the bench; returns figures for bench/results/ui.json. */
export async function runUiBench(): Promise<Record<string, unknown>> {
  const root = join(import.meta.dirname, 'ui');
  const work = mkdtempSync(join(tmpdir(), 'tabagent-ui-bench-'));
  const outDir = join(work, 'page');
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  try {
    await build({ root, configFile: false, logLevel: 'warn', plugins: [solid()], build: { outDir, emptyOutDir: true, target: 'es2022' } });
    server = await preview({
      root: dirname(outDir),
      configFile: false,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    const url = server.resolvedUrls?.local[0] ?? '';
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    page.on('pageerror', (error) => console.error(`ui bench page: ${error.message}`));
    await page.goto(url);
    await page.waitForFunction(() => window.uiBench !== undefined, undefined, { timeout: 60_000 });
    const runOnce = (tokens: number): Promise<UiBenchRun> =>
      page.evaluate((count) => {
        if (!window.uiBench) throw new Error('The UI bench page did not start.');
        return window.uiBench.run(count);
      }, tokens);
    // One unrecorded run of each size: compilation and the first IndexedDB open would land on the first.
    await runOnce(SMALL);
    const samples: Record<number, UiBenchRun[]> = { [SMALL]: [], [LARGE]: [] };
    const rounds = Math.max(RUNS.small, RUNS.large);
    for (let round = 0; round < rounds; round += 1) {
      // Alternate the order, so drift in machine load hits both sizes alike.
      const sizes = round % 2 === 0 ? [SMALL, LARGE] : [LARGE, SMALL];
      for (const size of sizes) {
        if (size === LARGE && samples[LARGE]?.length === RUNS.large) continue;
        if (size === SMALL && samples[SMALL]?.length === RUNS.small) continue;
        const sample = await runOnce(size);
        if (sample.errors.length > 0) throw new Error(`The UI bench run failed: ${sample.errors.join('; ')}`);
        samples[size]?.push(sample);
        console.log(`ui: ${size} tokens in ${sample.ms.toFixed(0)} ms (${sample.shownChars} characters shown)`);
      }
    }
    const perToken = (size: number): number => median((samples[size] ?? []).map((sample) => sample.ms)) / size;
    const small = perToken(SMALL);
    const large = perToken(LARGE);
    const ratio = Number((large / small).toFixed(2));
    return {
      description: `Real chat controller, agent loop (Hermes text format), turn persister (IndexedDB) and Solid transcript in headless Chromium, built by Vite; a scripted engine streams ${SMALL} and ${LARGE} tokens, one per chunk and task; medians of ${RUNS.small} and ${RUNS.large} runs`,
      definitions: {
        per_token_ms: 'wall time from send to the turn saved and painted, divided by the answer\'s tokens',
        per_token_cost_ratio_16k_vs_2k: 'per_token_ms_16k / per_token_ms_2k (1.0: constant per-token cost; goal ≤ 1.5)',
      },
      sizes: { small: SMALL, large: LARGE },
      browser: browser.version(),
      machine: { cpus: availableParallelism(), loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(1)) },
      per_token_ms_2k: Number(small.toFixed(4)),
      per_token_ms_16k: Number(large.toFixed(4)),
      per_token_cost_ratio_16k_vs_2k: ratio,
      ratios: { per_token_cost_ratio_16k_vs_2k: ratio },
      runs: Object.fromEntries(Object.entries(samples).map(([size, list]) => [size, list.map((sample) => Number(sample.ms.toFixed(1)))])),
    };
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
