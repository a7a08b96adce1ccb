/**
 * Grammar-constrained decoding on transformers.js, measured: the share of sampled answers (random
 * weights, temperature 1, three tools offered) that are plain text or calls to an offered tool
 * with schema-valid arguments, with the tool-call grammar and without it. Goal with: 1.0.
 * A truncated answer (token limit) counts as broken.
 */
import type { Browser } from 'playwright';
import { makeTinyGrammarLlm, makeTinyHermesToolLlm } from '../../tests/fixtures/make-tiny-grammar-llm';
import type { GrammarSample } from './grammar-page';

const SAMPLES = 200;
/** The template path's samples (tiny-hermes-tool-llm: its prompt carries the tool list, so each costs more). */
const NATIVE_SAMPLES = 100;
/** Answers average ~14 tokens; at 128 a rare chain of three calls was cut off (counted broken). */
const MAX_TOKENS = 256;

/** Figures merged into bench/results/llm.json. */
export interface GrammarFigures {
  grammar_valid_call_rate: number;
  grammar_samples: number;
  free_valid_call_rate: number;
  /** The same judge on the template path (the model's own Hermes tool template), under the grammar the engine builds. */
  grammar_valid_call_rate_native: number;
  grammar_detail: Record<string, unknown>;
}

function summary(samples: GrammarSample[]): Record<string, unknown> {
  const count = (kind: GrammarSample['verdict']): number => samples.filter((sample) => sample.verdict === kind).length;
  const tokens = samples.reduce((sum, sample) => sum + sample.completionTokens, 0);
  const ms = samples.reduce((sum, sample) => sum + sample.ms, 0);
  return {
    samples: samples.length,
    text: count('text'),
    calls: count('calls'),
    broken: count('broken'),
    truncated: samples.filter((sample) => sample.finish === 'length').length,
    mean_completion_tokens: Number((tokens / Math.max(1, samples.length)).toFixed(1)),
    ms_per_token: Number((ms / Math.max(1, tokens)).toFixed(2)),
    broken_examples: samples.filter((sample) => sample.verdict === 'broken').slice(0, 5).map(({ seed, reason, text }) => ({ seed, reason, text })),
  };
}

function validRate(samples: GrammarSample[]): number {
  return Number((samples.filter((sample) => sample.verdict !== 'broken').length / Math.max(1, samples.length)).toFixed(3));
}

/** Runs the grammar bench on a page of `origin` (the LLM bench's Vite server). */
export async function measureGrammar(browser: Browser, origin: string): Promise<GrammarFigures> {
  makeTinyGrammarLlm();
  makeTinyHermesToolLlm();
  const page = await browser.newPage();
  const offOrigin: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== new URL(origin).origin) offOrigin.push(request.url());
  });
  try {
    await page.goto(new URL('bench/llm/grammar.html', origin).href);
    await page.waitForFunction(() => window.runGrammarBench !== undefined, undefined, { timeout: 120_000 });
    const samples = await page.evaluate((config) => window.runGrammarBench!(config), {
      samples: SAMPLES,
      nativeSamples: NATIVE_SAMPLES,
      maxTokens: MAX_TOKENS,
      modelsUrl: '/tests/fixtures/generated/models/',
    });
    // XGrammar's WASM is part of our bundle: nothing may come from elsewhere.
    if (offOrigin.length > 0) throw new Error(`The grammar bench page left the origin: ${offOrigin.join(', ')}`);
    const native = samples.filter((sample) => sample.native === true);
    const constrained = samples.filter((sample) => sample.grammar && sample.native !== true);
    const free = samples.filter((sample) => !sample.grammar);
    return {
      grammar_valid_call_rate: validRate(constrained),
      grammar_samples: constrained.length,
      free_valid_call_rate: validRate(free),
      grammar_valid_call_rate_native: validRate(native),
      grammar_detail: {
        description: `tiny-grammar-llm (random weights, output bias towards call markup), transformers.js WASM, temperature 1, seeded sampler, ≤ ${MAX_TOKENS} tokens, three tools, Hermes format; valid = text, or calls to offered tools with schema-valid arguments, nothing repaired or truncated`,
        with_grammar: summary(constrained),
        without_grammar: summary(free),
        native_template: {
          description: `tiny-hermes-tool-llm (same recipe, a Qwen-style template that takes tools), thinking off, the grammar built by the engine; a cut answer counts as broken`,
          ...summary(native),
        },
      },
    };
  } finally {
    await page.close();
  }
}
