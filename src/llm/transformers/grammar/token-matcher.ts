/**
 * A synchronous view of an XGrammar `GrammarMatcher`. transformers.js calls logits processors
 * synchronously (`generate` uses the returned logits at once), but web-xgrammar's
 * `getNextTokenBitmask()` is async only because it first awaits its WASM start-up, which has
 * already happened once a matcher exists. So the mask is read from the matcher's binding
 * directly (`handle.GetNextTokenBitmask`, the call that method makes). Checked against the pinned
 * web-xgrammar by tests/unit/llm-transformers/grammar-processor.test.ts.
 */
import type { GrammarMatcher } from '@mlc-ai/web-xgrammar';
import { TabagentError } from '../../../core/errors';

/** What the logits processor needs from a grammar matcher, all synchronous. */
export interface TokenMatcher {
  /** Advances by one sampled token; false when the grammar does not allow it. */
  acceptToken(tokenId: number): boolean;
  /** One bit per token id (1 = allowed), 32 ids per word, lowest bit first. */
  nextTokenBitmask(): Int32Array;
  isTerminated(): boolean;
}

/** An Emscripten `std::vector<int32_t>` as embind hands it out. */
interface IntVector {
  size(): number;
  get(index: number): number;
  delete(): void;
}

interface MatcherBinding {
  GetNextTokenBitmask(vocabSize: number): IntVector;
}

/** Wraps `matcher` (compiled for a vocabulary of `vocabSize`) as a {@link TokenMatcher}. */
export function syncTokenMatcher(matcher: GrammarMatcher, vocabSize: number): TokenMatcher {
  const binding = (matcher as unknown as { handle?: Partial<MatcherBinding> }).handle;
  if (typeof binding?.GetNextTokenBitmask !== 'function') {
    throw new TabagentError('internal', 'This version of the grammar engine (web-xgrammar) is not supported: its matcher has no synchronous token mask.', {
      data: { expected: '@mlc-ai/web-xgrammar 0.1.27' },
    });
  }
  const nextMask = binding.GetNextTokenBitmask.bind(binding);
  const mask = new Int32Array(Math.ceil(vocabSize / 32));
  return {
    acceptToken: (tokenId) => matcher.acceptToken(tokenId),
    isTerminated: () => matcher.isTerminated(),
    nextTokenBitmask() {
      const vector = nextMask(vocabSize);
      try {
        const words = Math.min(vector.size(), mask.length);
        for (let index = 0; index < words; index += 1) mask[index] = vector.get(index);
      } finally {
        vector.delete();
      }
      return mask;
    },
  };
}
