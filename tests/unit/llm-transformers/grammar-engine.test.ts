/**
 * The transformers.js engine under the agent's tool-call grammar (XGrammar as a logits processor),
 * on a random-weight model sampled at temperature 1 (onnxruntime-node CPU).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { collectChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../src/llm/transformers';
import type { ChatEngine } from '../../../src/core/types';
import { GENERATED_MODELS_DIR } from '../../fixtures/make-tiny-llm';
import { makeTinyToolLlm, TINY_TOOL_LLM_ID } from '../../fixtures/make-tiny-tool-llm';
import { judgeOutput, toolRequest, type Verdict } from '../../support/grammar-samples';
import { Rng } from '../../support/seeded-rng';
import { xgrammar } from '../grammar/support/xgrammar';

const SEEDS = Array.from({ length: 40 }, (_, index) => index + 1);
const MAX_TOKENS = 128;

describe('transformers engine with the tool-call grammar (Node, CPU)', () => {
  let engine: ChatEngine;

  beforeAll(async () => {
    makeTinyToolLlm();
    engine = createTransformersEngine(
      { modelId: TINY_TOOL_LLM_ID, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR },
      { loadXGrammar: async () => xgrammar() },
    );
    await engine.load();
  });
  afterAll(() => engine.unload());
  afterEach(() => vi.restoreAllMocks());

  /** One sampled answer with `Math.random` (transformers.js's sampler) seeded. */
  async function sample(seed: number, grammar: boolean): Promise<{ text: string; verdict: Verdict; finish?: string }> {
    const rng = new Rng(seed);
    vi.spyOn(Math, 'random').mockImplementation(() => rng.next() % 1);
    const answer = await collectChat(engine.chat(toolRequest({ grammar, maxTokens: MAX_TOKENS })));
    vi.restoreAllMocks();
    return { text: answer.text, verdict: judgeOutput(answer.text), ...(answer.finishReason ? { finish: answer.finishReason } : {}) };
  }

  it('reports grammar-constrained output', () => {
    expect(engine.capabilities.constrainedOutput).toBe('grammar');
  });

  it('calibrate', async () => {
    for (const grammar of [false, true]) {
      const counts: Record<string, number> = {};
      for (const seed of SEEDS) {
        const { text, verdict, finish } = await sample(seed, grammar);
        counts[verdict.kind] = (counts[verdict.kind] ?? 0) + 1;
        if (verdict.kind === "broken") console.log(grammar, finish, JSON.stringify(text), verdict.kind === 'broken' ? verdict.reason.slice(0, 80) : verdict.kind);
      }
      console.log(grammar, counts);
    }
  }, 120_000);
});
