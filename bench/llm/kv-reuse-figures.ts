/**
 * Node side of the KV-reuse bench: writes the long-context fixture, runs the page's
 * `runKvReuseBench` and reduces its runs to `kv_reuse_ttft_ratio` (reuse ÷ fresh time to first
 * token of the step after a tool call; goal ≤ 0.25).
 */
import type { Page } from 'playwright';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_LONG } from '../../tests/fixtures/make-tiny-llm';
import type { KvReuseRun } from './kv-reuse';

const RUNS = 15;
const MIN_PROMPT_TOKENS = 1500;

export interface KvReuseFigures {
  description: string;
  /** Median time to first token, reuse ÷ fresh. */
  ratio: number;
  reuse: { ttftMs: number; promptTokens: number; cachedPromptTokens: number };
  fresh: { ttftMs: number; promptTokens: number; cachedPromptTokens: number };
  /** Pairs whose reuse and fresh answers differed (must be 0: reuse may not change the output). */
  differing_answers: number;
  runs: KvReuseRun[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function summarise(runs: KvReuseRun[], mode: KvReuseRun['mode']): KvReuseFigures['reuse'] {
  const mine = runs.filter((run) => run.mode === mode);
  return {
    ttftMs: Number(median(mine.map((run) => run.ttftMs)).toFixed(2)),
    promptTokens: median(mine.map((run) => run.promptTokens)),
    cachedPromptTokens: median(mine.map((run) => run.cachedPromptTokens)),
  };
}

/** Runs the KV-reuse measurement on an open bench page (bench/llm/index.html) served at `modelsUrl`'s origin. */
export async function measureKvReuse(page: Page, modelsUrl: string): Promise<KvReuseFigures> {
  makeTinyLlm(GENERATED_MODELS_DIR, TINY_LLM_LONG);
  const runs = await page.evaluate((config) => window.runKvReuseBench!(config), {
    runs: RUNS,
    modelsUrl,
    modelId: TINY_LLM_LONG.id,
    minPromptTokens: MIN_PROMPT_TOKENS,
  });
  const reuse = summarise(runs, 'reuse');
  const fresh = summarise(runs, 'fresh');
  if (fresh.promptTokens < MIN_PROMPT_TOKENS) throw new Error(`The KV-reuse prompt has ${fresh.promptTokens} tokens; it needs ${MIN_PROMPT_TOKENS}.`);
  if (reuse.cachedPromptTokens === 0) throw new Error('The KV-reuse runs reused nothing: the engine dropped its cache.');
  const texts = (mode: KvReuseRun['mode']): string[] => runs.filter((run) => run.mode === mode).map((run) => run.text);
  const reuseTexts = texts('reuse');
  const differing = texts('fresh').filter((text, index) => text !== reuseTexts[index]).length;
  return {
    description: `Tiny random-weight decoder (${TINY_LLM_LONG.id}), WASM, production worker: the step after a tool call (${fresh.promptTokens}-token prompt), time to its first token with the previous request's KV cache kept vs dropped, ${RUNS} alternating pairs; ratio of medians`,
    ratio: Number((reuse.ttftMs / fresh.ttftMs).toFixed(3)),
    reuse,
    fresh,
    differing_answers: differing,
    runs,
  };
}
