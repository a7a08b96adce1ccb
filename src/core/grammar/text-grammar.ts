import { alternatives, charClass, literal, type RuleSet } from './ebnf';

/**
 * Rule for non-empty text that never contains `marker` (XGrammar has no `A - B`, so the
 * complement is spelled out). Requires that the marker's first character does not occur again
 * in it (true of `<tool_call>` and `</think>`); then any text splits uniquely into a run without
 * that character, segments that each start with it, and at the very end an unfinished prefix of
 * the marker:
 *
 * ```
 * text ::= [^<] [^<]* seg* tail? | seg+ tail? | tail
 * seg  ::= "<" back* exit           # back: a prefix then "<" again
 * exit ::= (a prefix, then a mismatch) [^<]*
 * tail ::= "<" back* ("" | "t" | "to" | … | "tool_call")
 * ```
 *
 * The runs are `[^<]*` inside the rule that started them, not one character per repetition: XGrammar
 * then settles every token without the marker's first character from its compile-time cache, so
 * a step of free text costs ≈ 1 ms on a 150k vocabulary instead of 300–1,600 ms (each token was
 * checked against the parser stack at run time).
 */
export function textWithoutMarker(rules: RuleSet, marker: string): string {
  const chars = [...marker];
  const first = chars[0];
  if (first === undefined || chars.length < 2 || chars.slice(1).includes(first)) {
    throw new RangeError(`marker ${JSON.stringify(marker)} must be 2+ characters and not repeat its first character`);
  }
  const firstLit = literal(first);
  const run = `${charClass(first, true)}*`;
  // After the first character, "prefix" = chars[1..j) for j = 1..n-1 (the marker minus its last char at most).
  const prefixes = Array.from({ length: chars.length - 1 }, (_, j) => chars.slice(1, j + 1).join(''));
  const seq = (prefix: string, term: string): string => (prefix === '' ? term : `${literal(prefix)} ${term}`);
  const back = alternatives(prefixes.map((prefix) => seq(prefix, firstLit)));
  const exit = prefixes.map((prefix, j) => seq(prefix, `${charClass(`${chars[j + 1] ?? ''}${first}`, true)} ${run}`)).join(' | ');
  const end = alternatives(prefixes.map((prefix) => (prefix === '' ? '""' : literal(prefix))));
  const backRule = rules.add('text_back', back);
  const exitRule = rules.add('text_exit', exit);
  const seg = rules.add('text_seg', `${firstLit} ${backRule}* ${exitRule}`);
  const tail = rules.add('text_tail', `${firstLit} ${backRule}* ${end}`);
  return rules.add('text', `${charClass(first, true)} ${run} ${seg}* ${tail}? | ${seg}+ ${tail}? | ${tail}`);
}

/**
 * Rule for non-empty text whose first non-blank character is not `{` (a bare JSON call starts
 * with `{`, so text and call never overlap).
 */
export function textNotStartingWithBrace(rules: RuleSet): string {
  return rules.add('text', '[ \\t\\n\\r]* [^{ \\t\\n\\r] [^]*');
}
