import { alternatives, charClass, literal, type RuleSet } from './ebnf';

/**
 * Rule for non-empty text that never contains `marker` (XGrammar has no `A - B`, so the
 * complement is spelled out). Requires that the marker's first character does not occur again
 * in it (true of `<tool_call>`); then any text splits uniquely into chunks that return to "no
 * marker prefix seen" plus, at the very end, an unfinished prefix of the marker:
 *
 * ```
 * text  ::= chunk+ tail? | tail
 * chunk ::= [^<] | "<" back* exit      # back: a prefix then "<" again; exit: a prefix then a mismatch
 * tail  ::= "<" back* ("" | "t" | "to" | … | "tool_call")
 * ```
 */
export function textWithoutMarker(rules: RuleSet, marker: string): string {
  const chars = [...marker];
  const first = chars[0];
  if (first === undefined || chars.length < 2 || chars.slice(1).includes(first)) {
    throw new RangeError(`marker ${JSON.stringify(marker)} must be 2+ characters and not repeat its first character`);
  }
  const firstLit = literal(first);
  // After the first character, "prefix" = chars[1..j) for j = 1..n-1 (the marker minus its last char at most).
  const prefixes = Array.from({ length: chars.length - 1 }, (_, j) => chars.slice(1, j + 1).join(''));
  const seq = (prefix: string, term: string): string => (prefix === '' ? term : `${literal(prefix)} ${term}`);
  const back = alternatives(prefixes.map((prefix) => seq(prefix, firstLit)));
  const exit = alternatives(prefixes.map((prefix, j) => seq(prefix, charClass(`${chars[j + 1] ?? ''}${first}`, true))));
  const end = alternatives(prefixes.map((prefix) => (prefix === '' ? '""' : literal(prefix))));
  const backRule = rules.add('text_back', back);
  const chunk = rules.add('text_chunk', `${charClass(first, true)} | ${firstLit} ${backRule}* ${exit}`);
  const tail = rules.add('text_tail', `${firstLit} ${backRule}* ${end}`);
  return rules.add('text', `${chunk}+ ${tail}? | ${tail}`);
}

/**
 * Rule for non-empty text whose first non-blank character is not `{` (a bare JSON call starts
 * with `{`, so text and call never overlap).
 */
export function textNotStartingWithBrace(rules: RuleSet): string {
  return rules.add('text', '[ \\t\\n\\r]* [^{ \\t\\n\\r] [^]*');
}
