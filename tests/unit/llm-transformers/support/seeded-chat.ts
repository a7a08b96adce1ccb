import { random } from '@huggingface/transformers';
import { collectChat, type CollectedChat } from '../../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../../src/llm/transformers';
import type { ChatEngine, ChatRequest } from '../../../../src/core/types';
import { GENERATED_MODELS_DIR } from '../../../fixtures/make-tiny-llm';
import { xgrammar } from '../../grammar/support/xgrammar';

/** The transformers engine on a generated fixture (WASM backend in Node, fp32), with the real XGrammar. */
export function fixtureEngine(modelId: string): ChatEngine {
  return createTransformersEngine(
    { modelId, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR },
    { loadXGrammar: async () => xgrammar() },
  );
}

/**
 * One answer with transformers.js's sampler seeded. It draws from the library's own Mersenne
 * Twister (`random`), not `Math.random`: seeding that is what makes a seed give the same answer.
 */
export async function seededChat(engine: ChatEngine, request: ChatRequest, seed: number): Promise<CollectedChat> {
  random.seed(seed);
  return collectChat(engine.chat(request));
}
