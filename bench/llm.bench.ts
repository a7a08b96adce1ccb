/**
 * LLM path overhead: the tiny fixture model generating a fixed number of greedy tokens in headless
 * Chromium, through our worker (comlink, the chunks ready at each pull) versus the engine called directly on
 * the page. Figures are ratios worker / direct measured in the same page (goal: tokens/s ≥ 0.97).
 */
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { makeTinyLlm } from '../tests/fixtures/make-tiny-llm';
import { chromiumArgs } from '../vitest.config';
import { measureGrammar } from './llm/grammar';
import type { LlmRun } from './llm/main';
import { measureKvReuse } from './llm/kv-reuse-figures';

const RUNS = 21;
const MAX_TOKENS = 256;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function summarise(runs: LlmRun[], path: LlmRun['path']): { tokensPerSecond: number; ttftMs: number; completionTokens: number } {
  const mine = runs.filter((run) => run.path === path);
  return {
    tokensPerSecond: Number(median(mine.map((run) => run.tokensPerSecond)).toFixed(1)),
    ttftMs: Number(median(mine.map((run) => run.ttftMs)).toFixed(2)),
    completionTokens: median(mine.map((run) => run.completionTokens)),
  };
}

/** Quartiles of the per-pair ratios: how noisy this machine was during the run. */
function pairedSpread(runs: LlmRun[], value: (run: LlmRun) => number): [number, number] {
  const ratios = pairRatios(runs, value).sort((a, b) => a - b);
  const at = (fraction: number): number => Number((ratios[Math.floor(fraction * (ratios.length - 1))] ?? 0).toFixed(3));
  return [at(0.25), at(0.75)];
}

/**
 * Median over run pairs of worker / direct. Each pair ran back to back (order alternating), so
 * machine load that drifts over the bench hits both halves of a pair alike.
 */
function pairedRatio(runs: LlmRun[], value: (run: LlmRun) => number): number {
  return Number(median(pairRatios(runs, value)).toFixed(3));
}

function pairRatios(runs: LlmRun[], value: (run: LlmRun) => number): number[] {
  const ratios: number[] = [];
  for (let index = 0; index + 1 < runs.length; index += 2) {
    const pair = [runs[index], runs[index + 1]];
    const worker = pair.find((run) => run?.path === 'worker');
    const direct = pair.find((run) => run?.path === 'direct');
    if (worker !== undefined && direct !== undefined) ratios.push(value(worker) / value(direct));
  }
  return ratios;
}

/** Runs the bench; returns figures for bench/results/llm.json. */
export async function runLlmBench(): Promise<Record<string, unknown>> {
  makeTinyLlm();
  const root = new URL('..', import.meta.url).pathname;
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    server: { host: 'localhost', port: 0, strictPort: false },
    worker: { format: 'es' },
    // Pre-bundle up front so that the worker's first import does not trigger a page reload mid-run.
    optimizeDeps: { entries: ['bench/llm/index.html', 'bench/llm/grammar.html', 'workers/llm.worker.ts'], include: ['@huggingface/transformers', 'comlink', '@mlc-ai/web-xgrammar'] },
  });
  await server.listen();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const origin = server.resolvedUrls?.local[0] ?? '';
    const page = await browser.newPage();
    const offOrigin: string[] = [];
    page.context().on('request', (request) => {
      if (new URL(request.url()).origin !== new URL(origin).origin) offOrigin.push(request.url());
    });
    await page.goto(new URL('bench/llm/index.html', origin).href);
    await page.waitForFunction(() => window.runLlmBench !== undefined, undefined, { timeout: 120_000 });
    const runs = await page.evaluate(
      (config) => window.runLlmBench!(config),
      { runs: RUNS, maxTokens: MAX_TOKENS, modelsUrl: '/tests/fixtures/generated/models/' },
    );
    const kvReuse = await measureKvReuse(page, '/tests/fixtures/generated/models/');
    if (offOrigin.length > 0) throw new Error(`The bench page left the origin: ${offOrigin.join(', ')}`);
    const grammar = await measureGrammar(browser, origin);
    const direct = summarise(runs, 'direct');
    const worker = summarise(runs, 'worker');
    return {
      description: `Tiny random-weight decoder, ${MAX_TOKENS} greedy tokens, WASM backend, ${RUNS} back-to-back pairs (order alternating); ratios are worker/direct of per-path medians`,
      browser: browser.version(),
      direct,
      worker,
      runs,
      // Headline: ratio of the per-path medians (runs alternate, so drift hits both paths alike).
      // The per-pair medians and quartiles show how much of the difference is machine noise.
      ratios: {
        worker_vs_direct_tokens_per_s: Number((worker.tokensPerSecond / direct.tokensPerSecond).toFixed(3)),
        worker_vs_direct_ttft: Number((worker.ttftMs / direct.ttftMs).toFixed(3)),
        kv_reuse_ttft_ratio: kvReuse.ratio,
      },
      kv_reuse: kvReuse,
      paired: {
        tokens_per_s_median: pairedRatio(runs, (run) => run.tokensPerSecond),
        tokens_per_s_quartiles: pairedSpread(runs, (run) => run.tokensPerSecond),
        ttft_median: pairedRatio(runs, (run) => run.ttftMs),
        ttft_quartiles: pairedSpread(runs, (run) => run.ttftMs),
      },
      ...grammar,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
