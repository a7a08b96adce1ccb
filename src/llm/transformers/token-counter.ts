/** Counts tokens with a model's own tokenizer, loaded on its own (a few hundred KB, no weights). */
import { AutoTokenizer } from '@huggingface/transformers';
import { toTabagentError } from '../../core/errors';
import type { TransformersEngineOptions } from './options';
import { configureTransformersRuntime } from './runtime';

/** Texts remembered per counter: each step re-counts the system text and recent messages. */
const MEMO_SIZE = 256;

/**
 * Loads the tokenizer of the model `options` name (from the browser cache when the engine already
 * downloaded it) and returns a synchronous counter for token budgeting. Counts exclude special
 * tokens: the budget adds a fixed overhead per message for the chat template instead.
 * Throws TabagentError when the tokenizer cannot be loaded.
 */
export async function loadTokenCounter(options: TransformersEngineOptions): Promise<(text: string) => number> {
  configureTransformersRuntime(options);
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(options.modelId);
  } catch (error) {
    throw toTabagentError(error);
  }
  const memo = new Map<string, number>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const tokens = tokenizer.encode(text, { add_special_tokens: false }).length;
    if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
    memo.set(text, tokens);
    return tokens;
  };
}
