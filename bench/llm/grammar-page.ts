/**
 * The grammar bench page: the biased random-weight model (tiny-grammar-llm) on the transformers.js
 * engine, sampling at temperature 1 with three tools offered, with and without the tool-call
 * grammar. `Math.random` (transformers.js's sampler) is seeded per sample, so runs repeat.
 */
import { createTransformersEngine } from '../../src/llm/transformers';
import { collectChat } from '../../src/llm/collect-chat';
import { judgeOutput, toolRequest } from '../../tests/support/grammar-samples';
import { Rng } from '../../tests/support/seeded-rng';

/** One sampled answer, judged. */
export interface GrammarSample {
  grammar: boolean;
  seed: number;
  verdict: 'text' | 'calls' | 'broken';
  /** Why a broken answer is broken (the first parse problem or schema error). */
  reason?: string;
  finish: string;
  completionTokens: number;
  ms: number;
  /** The answer, kept for broken ones only. */
  text?: string;
}

export interface GrammarBenchConfig {
  samples: number;
  maxTokens: number;
  modelsUrl: string;
}

declare global {
  interface Window {
    runGrammarBench?: (config: GrammarBenchConfig) => Promise<GrammarSample[]>;
  }
}

window.runGrammarBench = async (config) => {
  const engine = createTransformersEngine({ modelId: 'tiny-grammar-llm', device: 'wasm', dtype: 'fp32', localModelPath: config.modelsUrl });
  await engine.load();
  const random = Math.random;
  const samples: GrammarSample[] = [];
  try {
    for (const grammar of [true, false]) {
      const request = toolRequest({ grammar, maxTokens: config.maxTokens });
      for (let seed = 1; seed <= config.samples; seed += 1) {
        const rng = new Rng(seed);
        Math.random = () => rng.next() % 1;
        const started = performance.now();
        const answer = await collectChat(engine.chat(request));
        const ms = performance.now() - started;
        Math.random = random;
        const verdict = judgeOutput(answer.text);
        samples.push({
          grammar,
          seed,
          verdict: verdict.kind,
          ...(verdict.kind === 'broken' ? { reason: verdict.reason.slice(0, 120), text: answer.text.slice(0, 200) } : {}),
          finish: answer.finishReason ?? 'none',
          completionTokens: answer.usage?.completionTokens ?? 0,
          ms,
        });
      }
    }
  } finally {
    Math.random = random;
    await engine.unload();
  }
  return samples;
};
