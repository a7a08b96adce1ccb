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
  return textWithoutMarkers(rules, [marker]);
}

/**
 * {@link textWithoutMarker} for several markers that start with the same character (e.g.
 * `<tool_call>` and `<think>`): the prefixes are those of every marker, and a mismatch is a
 * character that continues none of them.
 */
export function textWithoutMarkers(rules: RuleSet, markers: readonly string[]): string {
  const split = markers.map((marker) => [...marker]);
  const first = split[0]?.[0];
  const refuse = (): never => {
    throw new RangeError(`markers ${JSON.stringify(markers)} must be 2+ characters, start with the same character and not repeat it`);
  };
  if (first === undefined) return refuse();
  for (const chars of split) if (chars[0] !== first || chars.length < 2 || chars.slice(1).includes(first)) refuse();
  const wholes = split.map((chars) => chars.slice(1).join(''));
  // After the first character: every proper prefix of a marker's rest (the empty one included)
  // that is not itself a whole marker, with the characters that continue it.
  const continuations = new Map<string, Set<string>>();
  for (const chars of split) {
    for (let j = 1; j < chars.length; j += 1) {
      const prefix = chars.slice(1, j).join('');
      if (wholes.some((rest) => prefix.startsWith(rest))) break;
      const next = continuations.get(prefix) ?? new Set<string>();
      next.add(chars[j] ?? '');
      continuations.set(prefix, next);
    }
  }
  const firstLit = literal(first);
  const notFirst = charClass(first, true);
  const run = `${notFirst}*`;
  const prefixes = [...continuations.keys()];
  const seq = (prefix: string, term: string): string => (prefix === '' ? term : `${literal(prefix)} ${term}`);
  const back = alternatives(prefixes.map((prefix) => seq(prefix, firstLit)));
  const exit = prefixes.map((prefix) => seq(prefix, `${charClass(`${[...(continuations.get(prefix) ?? [])].join('')}${first}`, true)} ${run}`)).join(' | ');
  const end = alternatives(prefixes.map((prefix) => (prefix === '' ? '""' : literal(prefix))));
  const backRule = rules.add('text_back', back);
  const exitRule = rules.add('text_exit', exit);
  const seg = rules.add('text_seg', `${firstLit} ${backRule}* ${exitRule}`);
  const tail = rules.add('text_tail', `${firstLit} ${backRule}* ${end}`);
  return rules.add('text', `${notFirst} ${run} ${seg}* ${tail}? | ${seg}+ ${tail}? | ${tail}`);
}

/**
 * Rule for non-empty text whose first non-blank character is not `{` (a bare JSON call starts
 * with `{`, so text and call never overlap).
 */
export function textNotStartingWithBrace(rules: RuleSet): string {
  return rules.add('text', '[ \\t\\n\\r]* [^{ \\t\\n\\r] [^]*');
}
