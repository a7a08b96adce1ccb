import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charClass, literal, RuleSet } from '../../../src/core/grammar/ebnf';
import { textWithoutMarker, textWithoutMarkers } from '../../../src/core/grammar/text-grammar';
import { ebnfAcceptor } from './support/xgrammar';

// The escaping and the text-complement construction, checked against the real XGrammar parser.
// U+0000 is left out of generated strings: the matcher's string input stops at a NUL (a harness
// limit; the escape itself is checked by value below).
const noNul = (text: string): string => text.replaceAll('\u0000', '');

describe('literal', () => {
  it('is matched by exactly the string it quotes, whatever it holds', async () => {
    const grammar = (text: string): string => `root ::= ${literal(text)}\n`;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(noNul).filter((text) => text !== ''), fc.constantFrom('"', '\\', '\\"', '\n\r\t', '#', '::=', '\u0001\u007f', '😀')), async (text) => {
        const acceptor = await ebnfAcceptor(grammar(text));
        expect(acceptor.accepts(text), JSON.stringify(text)).toBe(true);
        expect(acceptor.accepts(`${text}x`)).toBe(false);
        // Cut a whole code point: a lone high surrogate is read by the WASM string bridge together
        // with whatever follows it (nothing here), which for U+15400 makes the same character again.
        expect(acceptor.accepts(Array.from(text).slice(0, -1).join(''))).toBe(false);
        acceptor.dispose();
      }),
      { numRuns: 60 },
    );
    // 60 grammars compiled by XGrammar's WASM: seconds on a loaded 2-core machine. A correctness check, not a timing one.
  }, 30_000);

  it('keeps the grammar text ASCII', () => {
    expect(literal('é😀\u0000"\\')).toBe('("\\u00E9" "\\U0001F600" "\\u0000" "\\"\\\\")');
    // Each code-point escape ends its quoted piece: XGrammar misreads what follows one.
    expect(literal(':A')).toBe('":A"');
    expect(charClass(':A', true)).toBe('[^\\u003A\\u0041]');
    expect(literal('é1')).toBe('("\\u00E9" "1")');
    expect(literal('')).toBe('""');
  });
});

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

describe('charClass', () => {
  // Printable ASCII members only (what the generators negate): XGrammar clamps non-ASCII members of a negated class (it warns), and the
  // generators only ever negate ASCII characters.
  it('matches exactly its characters, or exactly the others when negated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: printable, minLength: 1, maxLength: 6 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).map(noNul).filter((text) => text !== ''), async (chars, probe) => {
        const inSet = [...chars].includes(probe);
        const positive = await ebnfAcceptor(`root ::= ${charClass(chars, false)}\n`);
        const negative = await ebnfAcceptor(`root ::= ${charClass(chars, true)}\n`);
        expect(positive.accepts(probe)).toBe(inSet);
        expect(negative.accepts(probe)).toBe(!inSet);
        for (const char of chars) expect(positive.accepts(char)).toBe(true);
        positive.dispose();
        negative.dispose();
      }),
      { numRuns: 40 },
    );
  });

  it('never opens a positive class with ^, which XGrammar would read as negation', async () => {
    expect(charClass('^ ', false)).toBe('[\\u0020\\u005E]');
    expect(charClass('^', false)).toBe('"^"');
    for (const chars of ['^ ', '^']) {
      const positive = await ebnfAcceptor(`root ::= ${charClass(chars, false)}\n`);
      expect(positive.accepts('\u0001')).toBe(false);
      expect(positive.accepts('^')).toBe(true);
      positive.dispose();
    }
  });

  it('escapes the characters that mean something inside a class', () => {
    expect(charClass(']^-\\a1z', true)).toBe('[^\\u005D\\u005E\\u002D\\u005C\\u0061\\u0031z]');
  });
});

describe('RuleSet', () => {
  it('makes unique, safe names and refuses to render an undefined rule', () => {
    const rules = new RuleSet();
    expect(rules.reserve('my tool.name')).toBe('my_tool_name');
    expect(rules.reserve('my tool.name')).toBe('my_tool_name_1');
    expect(() => rules.render()).toThrow(/has no body/);
  });
});

describe('textWithoutMarker', () => {
  // Texts built from pieces of the marker, so near-misses and overlaps are common.
  const pieces = (marker: string): fc.Arbitrary<string> => {
    const chars = [...marker];
    const parts = [marker, ...chars, chars.slice(0, -1).join(''), chars.slice(0, 3).join(''), chars.slice(1).join(''), 'a', ' ', '\n', 'é'];
    return fc.array(fc.constantFrom(...parts), { maxLength: 8 }).map((list) => list.join(''));
  };

  it.each(['<tool_call>', '<|startofthink|>', 'Action:'])('accepts exactly the non-empty texts without %s', async (marker) => {
    const rules = new RuleSet();
    rules.define('root', textWithoutMarker(rules, marker));
    const acceptor = await ebnfAcceptor(rules.render());
    fc.assert(
      fc.property(pieces(marker), (text) => {
        expect(acceptor.accepts(text), JSON.stringify(text)).toBe(text !== '' && !text.includes(marker));
      }),
      { numRuns: 300 },
    );
    acceptor.dispose();
  });

  it.each([[['<tool_call>', '<think>']], [['<ab>', '<a>', '<abc>']], [['{"name"', '{"type"', '<|python_tag|>']], [['ab', 'xy', 'ac']]])('accepts exactly the non-empty texts without any of %j', async (markers) => {
    const rules = new RuleSet();
    rules.define('root', textWithoutMarkers(rules, markers));
    const acceptor = await ebnfAcceptor(rules.render());
    const parts = fc.oneof(...markers.map((marker) => pieces(marker)));
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 3 }).map((list) => list.join('')), (text) => {
        expect(acceptor.accepts(text), JSON.stringify(text)).toBe(text !== '' && !markers.some((marker) => text.includes(marker)));
      }),
      { numRuns: 400 },
    );
    acceptor.dispose();
  });

  it('refuses markers whose first character repeats (the construction would be wrong)', () => {
    expect(() => textWithoutMarker(new RuleSet(), '✿FUNCTION✿')).toThrow(RangeError);
    expect(() => textWithoutMarker(new RuleSet(), '<')).toThrow(RangeError);
    // One marker's first character inside another: "a<b" could start "<b" midway.
    expect(() => textWithoutMarkers(new RuleSet(), ['a<b', '<c'])).toThrow(RangeError);
  });
});
