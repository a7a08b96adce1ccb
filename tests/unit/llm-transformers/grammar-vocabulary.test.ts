/** The vocabulary XGrammar is given: token texts by id, decoding type, prepended space. */
import { describe, expect, it } from 'vitest';
import { byteLevelEncode, grammarVocabulary, type VocabularySource } from '../../../src/llm/transformers/grammar/vocabulary';

function source(tokenizerJson: object, vocab: Record<string, number>, specialIds: number[] = []): VocabularySource {
  return { get_vocab: () => new Map(Object.entries(vocab)), _tokenizerJSON: tokenizerJson, all_special_ids: specialIds };
}

describe('grammarVocabulary', () => {
  it('reads a byte-level BPE (Qwen, Llama 3): specials blanked, non-special added tokens kept, gaps blank', () => {
    const json = {
      decoder: { type: 'ByteLevel' },
      pre_tokenizer: { type: 'ByteLevel' },
      added_tokens: [
        { id: 5, content: '<|im_end|>', special: true },
        { id: 6, content: '<tool_call>', special: false },
        { id: 7, content: 'café', special: false },
      ],
    };
    const vocabulary = grammarVocabulary(source(json, { a: 0, 'Ġb': 1, 'Ċ': 3, '<|im_end|>': 5, '<tool_call>': 6, 'café': 7 }, [5]));
    expect(vocabulary.vocabType).toBe('byte_level');
    expect(vocabulary.prependSpace).toBe(false);
    // 'é' is two UTF-8 bytes, written in the byte-level alphabet as the model's own tokens are.
    expect(vocabulary.encodedVocab).toEqual(['a', 'Ġb', '', 'Ċ', '', '', '<tool_call>', 'cafÃ©']);
  });

  it('reads a SentencePiece byte-fallback vocabulary (Llama 2, Mistral, Phi-3) and its prepended space', () => {
    const json = {
      normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '\u2581' }, { type: 'Replace' }] },
      decoder: { type: 'Sequence', decoders: [{ type: 'Replace' }, { type: 'ByteFallback' }, { type: 'Fuse' }] },
    };
    const vocabulary = grammarVocabulary(source(json, { '<s>': 0, '<0x0A>': 1, '\u2581the': 2 }, [0]));
    expect(vocabulary).toEqual({ encodedVocab: ['', '<0x0A>', '\u2581the'], vocabType: 'byte_fallback', prependSpace: true });
  });

  it('detects a Metaspace pre-tokenizer that prepends, and falls back to raw without a known decoder', () => {
    expect(grammarVocabulary(source({ pre_tokenizer: { type: 'Metaspace', prepend_scheme: 'first' }, decoder: { type: 'Metaspace' } }, { x: 0 }))).toEqual({
      encodedVocab: ['x'],
      vocabType: 'raw',
      prependSpace: true,
    });
    expect(grammarVocabulary(source({ pre_tokenizer: { type: 'Metaspace', prepend_scheme: 'never' } }, { x: 0 })).prependSpace).toBe(false);
  });

  it('encodes bytes in GPT-2’s byte-level alphabet', () => {
    expect(byteLevelEncode(' \n!~')).toBe('ĠĊ!~');
  });
});
