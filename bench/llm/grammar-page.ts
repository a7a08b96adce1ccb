/**
 * The grammar bench page: the biased random-weight model (tiny-grammar-llm) on the transformers.js
 * engine, sampling at temperature 1 with three tools offered, with and without the tool-call
 * grammar; then its sibling with a Hermes tool template (tiny-hermes-tool-llm), where the engine
 * builds the grammar itself (the template path). `Math.random` (transformers.js's sampler) is
 * seeded per sample, so runs repeat.
 */
import { random } from '@huggingface/transformers';
import { createTransformersEngine } from '../../src/llm/transformers';
import type { ChatRequest } from '../../src/core/types';
import { collectChat } from '../../src/llm/collect-chat';
import { judgeNativeAnswer, judgeOutput, nativeToolRequest, toolRequest, type Verdict } from '../../tests/support/grammar-samples';
import type { CollectedChat } from '../../src/llm/collect-chat';

/** One sampled answer, judged. */
export interface GrammarSample {
  grammar: boolean;
  /** Sampled on the template path (tiny-hermes-tool-llm), under the grammar the engine builds. */
  native?: boolean;
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
  /** Samples on the template path; 0 skips it. */
  nativeSamples: number;
  maxTokens: number;
  modelsUrl: string;
}

declare global {
  interface Window {
    runGrammarBench?: (config: GrammarBenchConfig) => Promise<GrammarSample[]>;
  }
}

/** Samples `count` seeded answers to `request` on `modelId` and judges each. */
async function sampleModel(
  modelId: string,
  modelsUrl: string,
  count: number,
  runs: readonly { request: ChatRequest; grammar: boolean; native?: boolean }[],
  judge: (answer: CollectedChat) => Verdict,
): Promise<GrammarSample[]> {
  const engine = createTransformersEngine({ modelId, device: 'wasm', dtype: 'fp32', localModelPath: modelsUrl });
  await engine.load();
  const samples: GrammarSample[] = [];
  try {
    for (const { request, grammar, native } of runs) {
      for (let seed = 1; seed <= count; seed += 1) {
        random.seed(seed);
        const started = performance.now();
        const answer = await collectChat(engine.chat(request));
        const ms = performance.now() - started;
        const verdict = judge(answer);
        samples.push({
          grammar,
          ...(native ? { native } : {}),
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
    await engine.unload();
  }
  return samples;
}

window.runGrammarBench = async (config) => {
  const text = await sampleModel(
    'tiny-grammar-llm',
    config.modelsUrl,
    config.samples,
    [true, false].map((grammar) => ({ request: toolRequest({ grammar, maxTokens: config.maxTokens }), grammar })),
    (answer) => judgeOutput(answer.text),
  );
  if (config.nativeSamples === 0) return text;
  // A call cut at the token limit counts as broken here, as on the text path.
  const native = await sampleModel(
    'tiny-hermes-tool-llm',
    config.modelsUrl,
    config.nativeSamples,
    [{ request: nativeToolRequest({ maxTokens: config.maxTokens, thinking: false }), grammar: true, native: true }],
    (answer) => (answer.finishReason === 'length' ? { kind: 'broken', reason: 'cut at the token limit' } : judgeNativeAnswer(answer)),
  );
  return [...text, ...native];
};
