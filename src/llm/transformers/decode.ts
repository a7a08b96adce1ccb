/**
 * Decoding that keeps tool-call markers. Families write their call markers as special tokens
 * (Llama 3's `<|python_tag|>`, LFM2's `<|tool_call_start|>`, FunctionGemma's
 * `<start_function_call>`), which `skip_special_tokens: true` would drop along with the call's
 * frame. Here every token is decoded as written except those that end the turn (eos, pad and the
 * families' end-of-turn tokens), which are never part of the answer.
 */
import { BaseStreamer } from '@huggingface/transformers';
import type { PreTrainedTokenizer } from '@huggingface/transformers';

/** End-of-turn and end-of-text spellings of current families, removed wherever the vocabulary has them. */
const END_OF_TURN_TOKENS = [
  '<|im_end|>', // ChatML: Qwen, SmolLM, Hermes, LFM2
  '<|endoftext|>',
  '<|eot_id|>', // Llama 3
  '<|eom_id|>',
  '<|end_of_text|>',
  '<end_of_turn>', // Gemma, FunctionGemma
  '<eos>',
  '<|end|>', // Phi
  '<|return|>',
  '</s>', // Mistral, Llama 2
] as const;

type TokenLookup = Pick<PreTrainedTokenizer, 'convert_tokens_to_ids' | 'eos_token_id' | 'pad_token_id'>;

/**
 * The ids decoding removes: `endIds` (the generation config's eos ids), the tokenizer's eos and
 * pad tokens, and the known end-of-turn tokens its vocabulary holds.
 */
export function endOfTurnIds(tokenizer: TokenLookup, endIds: ReadonlySet<bigint> = new Set()): Set<bigint> {
  const ids = new Set(endIds);
  const add = (id: unknown): void => {
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) ids.add(BigInt(id));
  };
  add(tokenizer.eos_token_id);
  add(tokenizer.pad_token_id);
  for (const token of END_OF_TURN_TOKENS) {
    try {
      add(tokenizer.convert_tokens_to_ids(token));
    } catch {
      // Not in this vocabulary.
    }
  }
  return ids;
}

type Decoder = Pick<PreTrainedTokenizer, 'decode'>;

/** Decodes generated ids keeping marker tokens and dropping `removed` ones (not streamed: whole answers). */
export function decodeKeepingMarkers(tokenizer: Decoder, ids: readonly bigint[], removed: ReadonlySet<bigint>): string {
  const kept = ids.filter((id) => !removed.has(id));
  return kept.length === 0 ? '' : tokenizer.decode(kept, { skip_special_tokens: false });
}

/** U+FFFD at the end: the last token ended inside a multi-byte character that the next one completes. */
const INCOMPLETE_CHARACTER = /\uFFFD+$/;

/**
 * A streamer for `model.generate` that calls `onText` with each new piece of the answer, decoded
 * with special tokens kept and `removed` ids left out. The first `put` (the prompt) is skipped.
 * Streaming-safe: a piece that ends inside a multi-byte character is held until it is complete,
 * and the decoded window restarts after each newline so work per token stays small (as
 * transformers.js's `TextStreamer` does, keeping SentencePiece's leading-space handling right).
 */
export class MarkerKeepingStreamer extends BaseStreamer {
  private promptSeen = false;
  private window: bigint[] = [];
  private printed = 0;

  constructor(
    private readonly tokenizer: Decoder,
    private readonly removed: ReadonlySet<bigint>,
    private readonly onText: (text: string) => void,
  ) {
    super();
  }

  /** Receives the prompt once, then each step's new token (batch size 1). */
  override put(value: bigint[][]): void {
    if (!this.promptSeen) {
      this.promptSeen = true;
      return;
    }
    let added = false;
    for (const id of value[0] ?? []) {
      if (this.removed.has(id)) continue;
      this.window.push(id);
      added = true;
    }
    if (added) this.emit(false);
  }

  /** Flushes what is held back at the end of generation. */
  override end(): void {
    this.emit(true);
    this.window = [];
    this.printed = 0;
  }

  private emit(final: boolean): void {
    if (this.window.length === 0) return;
    const text = this.tokenizer.decode(this.window, { skip_special_tokens: false });
    const ready = final ? text : text.replace(INCOMPLETE_CHARACTER, '');
    const piece = ready.slice(this.printed);
    this.printed = Math.max(this.printed, ready.length);
    if (ready.length === text.length && text.endsWith('\n')) {
      this.window = [];
      this.printed = 0;
    }
    if (piece !== '') this.onText(piece);
  }
}
