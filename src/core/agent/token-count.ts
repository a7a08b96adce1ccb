import type { ChatMessage } from '../types';

/** Counts the tokens of a text: the active model's tokenizer where one is at hand, else {@link estimateTokens}. */
export type CountTokens = (text: string) => number;

/**
 * Tokens a chat template adds around each message (role markers, separators). ChatML spends 4–5
 * (`<|im_start|>user\n … <|im_end|>\n`), Llama 3 about 5; counting 4 keeps the estimate honest
 * for a long history of short messages.
 */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * A fast token estimate for models whose tokenizer is not loaded here (remote models, web-llm):
 * one token per CJK character (Han, kana, Hangul, full-width forms: BPE vocabularies of Qwen,
 * Llama 3 and GPT-4 spend about one token on each), plus one token per four other characters
 * (the usual English figure). It errs on the high side for code and numbers, which is the safe
 * side for a budget.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (isCjk(code)) cjk += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: rare CJK (extension B+) or emoji; either costs about one token.
      cjk += 1;
      index += 1;
    } else other += 1;
  }
  return cjk + Math.ceil(other / 4);
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x30ff) || // CJK punctuation, hiragana, katakana
    (code >= 0x3400 && code <= 0x4dbf) || // Han extension A
    (code >= 0x4e00 && code <= 0x9fff) || // Han
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // Han compatibility
    (code >= 0xff00 && code <= 0xffef) // full-width forms
  );
}

/** Tokens of one message as sent: its text, native tool calls, and the template's overhead. */
export function messageTokens(message: ChatMessage, count: CountTokens): number {
  let tokens = MESSAGE_OVERHEAD_TOKENS + count(message.content);
  if (message.role === 'assistant' && message.toolCalls && message.toolCalls.length > 0) tokens += count(JSON.stringify(message.toolCalls));
  if (message.role === 'tool') tokens += count(message.name);
  return tokens;
}

/** Tokens of several messages as sent. */
export function messagesTokens(messages: readonly ChatMessage[], count: CountTokens): number {
  let total = 0;
  for (const message of messages) total += messageTokens(message, count);
  return total;
}
