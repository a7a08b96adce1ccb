/**
 * Writing EBNF in the dialect XGrammar parses (what web-llm's `response_format: {type: 'grammar'}`
 * compiles): `name ::= body` rules, `"…"` literals with C-style escapes, `[…]` / `[^…]` classes,
 * `( )`, `|`, `?`, `*`, `+`, and `#` comments.
 */

const HEX = '0123456789ABCDEF';

function hex(code: number, width: number): string {
  let out = '';
  for (let shift = (width - 1) * 4; shift >= 0; shift -= 4) out += HEX.charAt((code >> shift) & 0xf);
  return out;
}

/**
 * One code point as an escape XGrammar reads in literals and classes alike. Never `\x`: XGrammar
 * reads as many hex digits as follow it, so `\x3A` then `A` would be U+03AA.
 */
function escapeCodePoint(code: number): string {
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

const LITERAL_SAFE = /^[A-Za-z0-9 !#$%&'()*+,\-./:;<=>?@[\]^_`{|}~]$/;

/**
 * `text` as an EBNF string literal. Everything outside printable ASCII is escaped by code point,
 * so the grammar text stays ASCII and no tool name or enum value can break out of its quotes.
 */
export function literal(text: string): string {
  if (text === '') return '""';
  // XGrammar misreads what follows a code-point escape inside one literal ("\u00010" fails to
  // match U+0001 then "0"), so each escape ends its quoted piece; the pieces are concatenated.
  const pieces: string[] = [];
  let out = '';
  for (const char of text) {
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (LITERAL_SAFE.test(char)) out += char;
    else {
      pieces.push(`"${out}${escapeCodePoint(char.codePointAt(0) ?? 0)}"`);
      out = '';
    }
  }
  if (out !== '') pieces.push(`"${out}"`);
  return pieces.length === 1 ? (pieces[0] as string) : `(${pieces.join(' ')})`;
}

/**
 * A character class over the code points of `chars` (`[…]`, or `[^…]` when `negated`). Only
 * letters g–z go in raw: `]`, `\`, `^` and `-` mean something inside a class.
 */
export function charClass(chars: string, negated: boolean): string {
  const members = [...new Set(chars)];
  // XGrammar reads an escaped '^' opening a class as negation, so a positive class never starts
  // with one: it moves to the end, or the class becomes a literal when it is the only member.
  if (!negated && members[0] === '^') {
    if (members.length === 1) return '"^"';
    members.push(members.shift() as string);
  }
  // Letters that are not hex digits go in raw; everything else by code point.
  const body = members.map((char) => (/^[G-Zg-z]$/.test(char) ? char : escapeCodePoint(char.codePointAt(0) ?? 0))).join('');
  return `[${negated ? '^' : ''}${body}]`;
}

/** `items` joined as alternatives, parenthesised so the result can be used as one term. */
export function alternatives(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length === 1) return unique[0] ?? '""';
  return `(${unique.join(' | ')})`;
}

/**
 * The rules of one grammar. Names are generated (never taken from tool names, which may hold any
 * character) and unique; a name can be reserved before its body exists, which is how recursive
 * `$ref`s become recursive rules.
 */
export class RuleSet {
  private readonly bodies = new Map<string, string | undefined>();
  private readonly counters = new Map<string, number>();

  /** A fresh rule name starting with `base` (letters, digits and `_` only). */
  reserve(base: string): string {
    const stem = base.replace(/[^A-Za-z0-9_]/g, '_') || 'r';
    const count = this.counters.get(stem) ?? 0;
    this.counters.set(stem, count + 1);
    let name = count === 0 ? stem : `${stem}_${count}`;
    while (this.bodies.has(name)) name = `${name}_`;
    this.bodies.set(name, undefined);
    return name;
  }

  /** Sets the body of a reserved (or new) rule. */
  define(name: string, body: string): string {
    this.bodies.set(name, body);
    return name;
  }

  /** Reserves a name from `base` and defines it in one go. */
  add(base: string, body: string): string {
    return this.define(this.reserve(base), body);
  }

  /** The grammar text, `root` first. Throws if a reserved rule was never defined (a bug here). */
  render(): string {
    const lines: string[] = [];
    const names = [...this.bodies.keys()].sort((a, b) => (a === 'root' ? -1 : b === 'root' ? 1 : 0));
    for (const name of names) {
      const body = this.bodies.get(name);
      if (body === undefined) throw new Error(`grammar rule ${name} has no body`);
      lines.push(`${name} ::= ${body}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
