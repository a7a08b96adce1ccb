import { alternatives, charClass, literal, type RuleSet } from './ebnf';

/**
 * Rule for non-empty text that never contains `marker` (XGrammar has no `A - B`, so the
 * complement is spelled out). Requires that the marker's first character does not occur again
 * in it (true of `<tool_call>` and `</think>`); then any text splits uniquely into a run without
 * that character, segments that each start with it, and at the very end an unfinished prefix of
 * the marker:
 *
 * ```
 * text    ::= [^<] [^<]* seg* tail? | seg+ tail? | tail
 * partial ::= "<" | "<t" | "<to" | … | "<tool_call"
 * seg     ::= partial* exit          # a partial followed by "<" starts over
 * exit    ::= (a partial, then a character that continues none and is not "<") [^<]*
 * tail    ::= partial+
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
 * {@link textWithoutMarker} for several markers, e.g. `<tool_call>` and `<think>`, or Llama 3's
 * `{"name"` and `<|python_tag|>`. No marker may hold any marker's first character after its own
 * first one. A segment starts at a first character; a partial marker (a first character and a
 * proper prefix of the rest of a marker that starts with it) followed by another first character
 * starts over; a character that continues no marker of that start (and is no first character)
 * ends the segment, and a run without first characters follows.
 */
export function textWithoutMarkers(rules: RuleSet, markers: readonly string[]): string {
  const split = markers.map((marker) => [...marker]);
  const firsts = [...new Set(split.map((chars) => chars[0] ?? ''))];
  const refuse = (): never => {
    throw new RangeError(`markers ${JSON.stringify(markers)} must be 2+ characters and not repeat any marker's first character`);
  };
  if (split.length === 0) return refuse();
  for (const chars of split) if (chars.length < 2 || chars.slice(1).some((char) => firsts.includes(char))) refuse();
  // For each partial marker (first character + a proper prefix of a rest, the empty one included,
  // that holds no whole rest of a marker with that first character): the characters that continue it.
  const continuations = new Map<string, Set<string>>();
  for (const first of firsts) {
    const wholes = split.filter((chars) => chars[0] === first).map((chars) => chars.slice(1).join(''));
    for (const chars of split.filter((each) => each[0] === first)) {
      for (let j = 1; j < chars.length; j += 1) {
        const prefix = chars.slice(1, j).join('');
        if (wholes.some((rest) => prefix.startsWith(rest))) break;
        const partial = first + prefix;
        const next = continuations.get(partial) ?? new Set<string>();
        next.add(chars[j] ?? '');
        continuations.set(partial, next);
      }
    }
  }
  const allFirsts = firsts.join('');
  const run = `${charClass(allFirsts, true)}*`;
  const partials = [...continuations.keys()];
  const partialRule = rules.add('text_back', alternatives(partials.map((partial) => literal(partial))));
  const exit = partials.map((partial) => `${literal(partial)} ${charClass(`${[...(continuations.get(partial) ?? [])].join('')}${allFirsts}`, true)} ${run}`).join(' | ');
  const exitRule = rules.add('text_exit', exit);
  const seg = rules.add('text_seg', `${partialRule}* ${exitRule}`);
  const tail = rules.add('text_tail', `${partialRule}+`);
  return rules.add('text', `${charClass(allFirsts, true)} ${run} ${seg}* ${tail}? | ${seg}+ ${tail}? | ${tail}`);
}

/**
 * Rule for non-empty text whose first non-blank character is not `{` (a bare JSON call starts
 * with `{`, so text and call never overlap).
 */
export function textNotStartingWithBrace(rules: RuleSet): string {
  return rules.add('text', '[ \\t\\n\\r]* [^{ \\t\\n\\r] [^]*');
}
