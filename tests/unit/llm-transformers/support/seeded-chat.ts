import { vi } from 'vitest';
import { collectChat, type CollectedChat } from '../../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../../src/llm/transformers';
import type { ChatEngine, ChatRequest } from '../../../../src/core/types';
import { GENERATED_MODELS_DIR } from '../../../fixtures/make-tiny-llm';
import { Rng } from '../../../support/seeded-rng';
import { xgrammar } from '../../grammar/support/xgrammar';

/** The transformers engine on a generated fixture (WASM backend in Node, fp32), with the real XGrammar. */
export function fixtureEngine(modelId: string): ChatEngine {
  return createTransformersEngine(
    { modelId, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR },
    { loadXGrammar: async () => xgrammar() },
  );
}

/** One answer with transformers.js's sampler (`Math.random`) seeded. */
export async function seededChat(engine: ChatEngine, request: ChatRequest, seed: number): Promise<CollectedChat> {
  const rng = new Rng(seed);
  const spy = vi.spyOn(Math, 'random').mockImplementation(() => rng.next() % 1);
  try {
    return await collectChat(engine.chat(request));
  } finally {
    spy.mockRestore();
  }
}
