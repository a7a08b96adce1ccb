/** Whether a tokenized prompt leaves the model inside an opened `<think>` block. */
import type { PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { promptOpensThinking } from '../../core/think-splitter';

/** Enough tokens to hold `<think>` and the newline after it, whatever the tokenizer. */
const TAIL_TOKENS = 8;

/**
 * True when the chat template ended the generation prompt with `<think>` (DeepSeek-R1 distills,
 * Qwen3 thinking variants): the answer then starts inside the block, with no opening tag of its own.
 * Reads only the prompt's last few tokens, decoded with their special tokens.
 */
export function promptEndsInsideThink(tokenizer: PreTrainedTokenizer, inputIds: Tensor): boolean {
  const ids = Array.from(inputIds.data as BigInt64Array, Number);
  const tail = tokenizer.decode(ids.slice(-TAIL_TOKENS), { skip_special_tokens: false });
  return promptOpensThinking(tail);
}
