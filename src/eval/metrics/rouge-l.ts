import type { PrecisionRecall } from './argument-f1';

// Han ideographs and kana are words on their own: Chinese and Japanese put no spaces between words.
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const TOKEN = new RegExp(String.raw`[${CJK}]|(?:(?![${CJK}])[\p{L}\p{N}\p{M}])+`, 'gu');

/**
 * Tokens for ROUGE-L: each Han character or kana is one token; every other run of letters, digits
 * and marks is one word, lower-cased (after NFKC, so full-width Latin matches ASCII); punctuation and
 * spaces separate tokens and are dropped.
 */
export function rougeTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

/** Length of the longest common subsequence (two rows of the dynamic programme). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  let current = new Array<number>(b.length + 1).fill(0);
  for (const token of a) {
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = token === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/**
 * ROUGE-L of a candidate against one reference: with L = LCS of their tokens ({@link rougeTokens}),
 * precision = L / |candidate|, recall = L / |reference|, F = 2PR / (P + R) (β = 1, 0 when L = 0).
 * Two empty texts score 1; one empty text scores 0.
 */
export function rougeL(candidate: string, reference: string): PrecisionRecall {
  const a = rougeTokens(candidate);
  const b = rougeTokens(reference);
  if (a.length === 0 && b.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const lcs = lcsLength(a, b);
  if (lcs === 0) return { precision: 0, recall: 0, f1: 0 };
  const precision = lcs / a.length;
  const recall = lcs / b.length;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
