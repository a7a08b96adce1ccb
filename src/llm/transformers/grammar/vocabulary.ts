/**
 * The model's vocabulary in the form XGrammar's `TokenizerInfo` reads: every token's encoded text
 * by id, how those texts decode (byte-level, byte-fallback or raw) and whether the tokenizer puts
 * a space before the text. Read from the tokenizer.json transformers.js loaded, following the
 * rules XGrammar's own Hugging Face import applies. Pure: no WASM here.
 */

/** How XGrammar turns an encoded token back into bytes. */
export type VocabType = 'byte_level' | 'byte_fallback' | 'raw';

/** What `TokenizerInfo.createTokenizerInfo` needs besides the vocabulary size and stop tokens. */
export interface GrammarVocabulary {
  /** Encoded token text by id; '' where no token may ever be written (specials, gaps). */
  encodedVocab: string[];
  vocabType: VocabType;
  prependSpace: boolean;
}

/** The parts of a transformers.js tokenizer read here. */
export interface VocabularySource {
  get_vocab(): Map<string, number>;
  /** The tokenizer.json document (transformers.js keeps it on the tokenizer). */
  _tokenizerJSON: unknown;
  all_special_ids: readonly number[];
}

interface AddedToken {
  id: number;
  content: string;
  special?: boolean;
}

/**
 * Builds the vocabulary. Special tokens become '' so that the grammar never lets the model write
 * one as text (they are dropped when the answer is decoded, so the text would not match what the
 * grammar saw); end-of-turn tokens are passed to XGrammar separately, by id. Added tokens that are
 * not special (Qwen's `<tool_call>`) keep their text, encoded as the model's regular tokens are.
 */
export function grammarVocabulary(tokenizer: VocabularySource): GrammarVocabulary {
  const json = asRecord(tokenizer._tokenizerJSON);
  const vocabType = detectVocabType(json);
  const added = addedTokens(json);
  const special = new Set<number>(tokenizer.all_special_ids);
  for (const token of added) if (token.special === true) special.add(token.id);
  const addedById = new Map(added.map((token) => [token.id, token.content]));

  const vocab = tokenizer.get_vocab();
  let size = 0;
  for (const id of vocab.values()) size = Math.max(size, id + 1);
  const encodedVocab = new Array<string>(size).fill('');
  for (const [text, id] of vocab) {
    if (special.has(id)) continue;
    const addedText = addedById.get(id);
    // Added tokens are stored as plain text, not in the byte-level alphabet of the others.
    encodedVocab[id] = addedText !== undefined && vocabType === 'byte_level' ? byteLevelEncode(addedText) : text;
  }
  return { encodedVocab, vocabType, prependSpace: detectPrependSpace(json) };
}

/** XGrammar's rule: a ByteLevel decoder means byte-level, a ByteFallback decoder byte-fallback. */
function detectVocabType(json: Record<string, unknown>): VocabType {
  const decoder = asRecord(json.decoder);
  const decoders = decoder.type === 'Sequence' && Array.isArray(decoder.decoders) ? decoder.decoders.map(asRecord) : [decoder];
  for (const item of decoders) {
    if (item.type === 'ByteLevel') return 'byte_level';
    if (item.type === 'ByteFallback') return 'byte_fallback';
  }
  return 'raw';
}

/** SentencePiece-style tokenizers put "▁" before the text: a Prepend normalizer or a Metaspace pre-tokenizer. */
function detectPrependSpace(json: Record<string, unknown>): boolean {
  const normalizer = asRecord(json.normalizer);
  const normalizers = normalizer.type === 'Sequence' && Array.isArray(normalizer.normalizers) ? normalizer.normalizers.map(asRecord) : [normalizer];
  if (normalizers.some((item) => item.type === 'Prepend' && item.prepend === '\u2581')) return true;
  const preTokenizer = asRecord(json.pre_tokenizer);
  return preTokenizer.type === 'Metaspace' && (preTokenizer.prepend_scheme === 'always' || preTokenizer.prepend_scheme === 'first');
}

function addedTokens(json: Record<string, unknown>): AddedToken[] {
  if (!Array.isArray(json.added_tokens)) return [];
  return json.added_tokens.map(asRecord).flatMap((token) =>
    typeof token.id === 'number' && typeof token.content === 'string' ? [{ id: token.id, content: token.content, special: token.special === true }] : [],
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** GPT-2's reversible byte → printable character table (the alphabet of byte-level BPE). */
const BYTE_LEVEL_ALPHABET: readonly string[] = (() => {
  const table = new Array<string>(256);
  let extra = 0;
  for (let byte = 0; byte < 256; byte += 1) {
    const printable = (byte >= 33 && byte <= 126) || (byte >= 161 && byte <= 172) || (byte >= 174 && byte <= 255);
    table[byte] = String.fromCharCode(printable ? byte : 256 + extra++);
  }
  return table;
})();

/** `text`'s UTF-8 bytes written in the byte-level alphabet. */
export function byteLevelEncode(text: string): string {
  let encoded = '';
  for (const byte of new TextEncoder().encode(text)) encoded += BYTE_LEVEL_ALPHABET[byte] ?? '';
  return encoded;
}
