/**
 * Tokenizer for BM25 over tool names/descriptions in any language.
 * - CJK runs (Han, kana, Hangul) have no spaces, so they become character unigrams + bigrams:
 *   "查询天气" → 查 询 天 气 查询 询天 天气 — a query matches a description sharing any word of it.
 * - Other letters/digits form words, split at camelCase and snake/kebab/dot boundaries
 *   ("getWeatherForecast", "get_weather" → get weather forecast), lowercased, lightly stemmed
 *   (plural s/es/ies only: safe for identifiers), minus a few English stop words.
 */

const CJK_RUN = /((?:\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}|ー)+)/u;
const WORD = /[\p{L}\p{N}]+/gu;
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'i', 'in', 'is', 'it', 'me', 'my', 'of', 'on', 'or',
  'please', 'the', 'this', 'to', 'what', 'with', 'you',
]);

/** Plural-only stemming: "forecasts" → "forecast", "queries" → "query", but "status"/"class" stay. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Splits an identifier-ish word at lower→Upper and ACRONYM→Word boundaries ("HTMLParser" → HTML Parser). */
function splitCamel(word: string): string[] {
  return word
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(' ');
}

/** Tokens of `text` in order (duplicates kept: BM25 counts term frequency). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const parts = text.split(CJK_RUN);
  for (let p = 0; p < parts.length; p += 1) {
    const part = parts[p]!;
    if (part === '') continue;
    // split() with a capturing group alternates: even indexes are non-CJK text, odd ones CJK runs.
    if (p % 2 === 1) {
      const chars = Array.from(part);
      for (const char of chars) tokens.push(char);
      for (let i = 0; i + 1 < chars.length; i += 1) tokens.push(chars[i]! + chars[i + 1]!);
      continue;
    }
    for (const match of part.matchAll(WORD)) {
      for (const piece of splitCamel(match[0])) {
        const lower = piece.toLowerCase();
        if (lower === '' || STOP_WORDS.has(lower)) continue;
        tokens.push(stem(lower));
      }
    }
  }
  return tokens;
}
