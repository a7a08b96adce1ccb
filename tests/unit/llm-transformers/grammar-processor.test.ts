/** The logits processor: masking by bitmask, advancing the matcher, and the real XGrammar matcher behind it. */
import { describe, expect, it } from 'vitest';
import { Tensor } from '@huggingface/transformers';
import { applyTokenBitmask, GrammarLogitsProcessor } from '../../../src/llm/transformers/grammar/logits-processor';
import { syncTokenMatcher, type TokenMatcher } from '../../../src/llm/transformers/grammar/token-matcher';
import { TabagentError } from '../../../src/core/errors';
import { xgrammar } from '../grammar/support/xgrammar';

function maskOf(allowed: number[], vocabSize: number): Int32Array {
  const mask = new Int32Array(Math.ceil(vocabSize / 32));
  for (const id of allowed) mask[id >> 5]! |= 1 << (id & 31);
  return mask;
}

/** The ids a mask allows below `vocabSize` (XGrammar leaves the bits past the vocabulary set). */
function allowedIds(mask: Int32Array, vocabSize: number): number[] {
  return Array.from({ length: vocabSize }, (_, id) => id).filter((id) => ((mask[id >> 5] ?? 0) & (1 << (id & 31))) !== 0);
}

describe('applyTokenBitmask', () => {
  it('sets exactly the disallowed logits to -Infinity, across word boundaries and past the mask', () => {
    const logits = new Float32Array(70).fill(1);
    applyTokenBitmask(logits, maskOf([0, 31, 32, 63], 64));
    const kept = [...logits.keys()].filter((id) => logits[id] === 1);
    expect(kept).toEqual([0, 31, 32, 63]);
    expect(logits[64]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('leaves a fully allowed vocabulary alone', () => {
    const logits = Float32Array.from({ length: 40 }, (_, id) => id);
    applyTokenBitmask(logits, new Int32Array([-1, -1]));
    expect([...logits]).toEqual(Array.from({ length: 40 }, (_, id) => id));
  });
});

describe('GrammarLogitsProcessor', () => {
  function fakeMatcher(allowedAfter: (accepted: number[]) => number[]): TokenMatcher & { accepted: number[] } {
    const accepted: number[] = [];
    return {
      accepted,
      acceptToken: (id) => allowedAfter(accepted).includes(id) && accepted.push(id) > 0,
      isTerminated: () => false,
      nextTokenBitmask: () => maskOf(allowedAfter(accepted), 8),
    };
  }

  it('advances the matcher with each token sampled since the last step, never with the prompt', () => {
    const matcher = fakeMatcher((accepted) => [accepted.length + 1]);
    const processor = new GrammarLogitsProcessor(matcher);
    const prompt = [7n, 7n, 7n];
    const first = processor([prompt], new Tensor('float32', new Float32Array(8).fill(0), [1, 8]));
    expect([...(first.data as Float32Array)].map((value) => value === 0)).toEqual([false, true, false, false, false, false, false, false]);
    processor([[...prompt, 1n]], new Tensor('float32', new Float32Array(8), [1, 8]));
    const third = processor([[...prompt, 1n, 2n]], new Tensor('float32', new Float32Array(8), [1, 8]));
    expect(matcher.accepted).toEqual([1, 2]);
    expect((third.data as Float32Array)[3]).toBe(0);
    expect((third.data as Float32Array)[2]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('fails with a typed error when a sampled token breaks the grammar', () => {
    const processor = new GrammarLogitsProcessor(fakeMatcher(() => [1]));
    processor([[5n]], new Tensor('float32', new Float32Array(8), [1, 8]));
    let failure: unknown;
    try {
      processor([[5n, 4n]], new Tensor('float32', new Float32Array(8), [1, 8]));
    } catch (error) {
      failure = error;
    }
    expect(TabagentError.is(failure) && failure.code).toBe('internal');
  });
});

describe('syncTokenMatcher on the real XGrammar', () => {
  it('gives the same mask as the async getNextTokenBitmask, step after step, and terminates on the stop token', async () => {
    const { TokenizerInfo, GrammarCompiler, GrammarMatcher } = xgrammar();
    const vocab = ['a', 'b', 'ab', '</s>', 'c'];
    const info = await TokenizerInfo.createTokenizerInfo(vocab, 'raw', false, 40, [3]);
    const compiler = await GrammarCompiler.createGrammarCompiler(info, false);
    const compiled = await compiler.compileGrammar('root ::= "a" "b"+');
    const matcher = await GrammarMatcher.createGrammarMatcher(compiled);
    const sync = syncTokenMatcher(matcher, 40);
    expect([...sync.nextTokenBitmask()]).toEqual([...(await matcher.getNextTokenBitmask())]);
    expect(allowedIds(sync.nextTokenBitmask(), 40)).toEqual([0, 2]);
    expect(sync.acceptToken(0)).toBe(true);
    expect(allowedIds(sync.nextTokenBitmask(), 40)).toEqual([1]);
    expect(sync.acceptToken(1)).toBe(true);
    expect([...sync.nextTokenBitmask()]).toEqual([...(await matcher.getNextTokenBitmask())]);
    expect(allowedIds(sync.nextTokenBitmask(), 40)).toEqual([1, 3]);
    expect(sync.acceptToken(4)).toBe(false);
    expect(sync.acceptToken(3)).toBe(true);
    expect(sync.isTerminated()).toBe(true);
    for (const handle of [matcher, compiled, compiler, info]) handle.dispose();
  });
});
