/** A transformers.js logits processor that lets the model write only what a grammar allows. */
import { LogitsProcessor, type Tensor } from '@huggingface/transformers';
import { TabagentError } from '../../../core/errors';
import type { TokenMatcher } from './token-matcher';

/**
 * Masks every token the grammar does not allow at this step (logit −∞), and advances the matcher
 * with the token sampled at the previous step. `generate` calls it once per step with the whole
 * sequence so far; the first call sees only the prompt. When the grammar is complete the matcher
 * allows the end-of-turn tokens, so the model can stop; once it is complete and nothing may
 * follow, they are all it may write. One processor serves one request (the matcher is stateful).
 */
export class GrammarLogitsProcessor extends LogitsProcessor {
  /** Length of the sequence at the previous call; undefined before the first. */
  private seen: number | undefined;

  constructor(private readonly matcher: TokenMatcher) {
    super();
  }

  override _call(inputIds: bigint[][], logits: Tensor): Tensor {
    const sequence = inputIds[0] ?? [];
    if (inputIds.length !== 1) {
      throw new TabagentError('internal', 'Grammar-constrained decoding runs one sequence at a time.', { data: { batch: inputIds.length } });
    }
    for (let index = this.seen ?? sequence.length; index < sequence.length; index += 1) {
      const token = Number(sequence[index]);
      if (!this.matcher.acceptToken(token)) {
        throw new TabagentError('internal', 'The model wrote a token its grammar does not allow. Try again; if it repeats, report it.', { data: { token } });
      }
    }
    this.seen = sequence.length;
    applyTokenBitmask(logits.data as Float32Array, this.matcher.nextTokenBitmask());
    return logits;
  }
}

/**
 * Sets the logit of every token whose bit is 0 to −∞, in place. Ids past the mask (padding rows a
 * model's head has beyond its tokenizer) are never allowed. Whole words of allowed tokens are skipped.
 */
export function applyTokenBitmask(logits: Float32Array, mask: Int32Array): void {
  const vocabSize = logits.length;
  for (let word = 0; word * 32 < vocabSize; word += 1) {
    const bits = mask[word] ?? 0;
    if (bits === -1) continue;
    const start = word * 32;
    const end = Math.min(start + 32, vocabSize);
    for (let id = start; id < end; id += 1) {
      if ((bits & (1 << (id - start))) === 0) logits[id] = Number.NEGATIVE_INFINITY;
    }
  }
}
