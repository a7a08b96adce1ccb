/**
 * Where JSON text first breaks. V8's JSON.parse names a position for some errors but not for an
 * unexpected token ("Unexpected token '}', ..."), and people editing a tools file need the line.
 * This walks the JSON grammar without building values and returns the offset of the first character
 * that cannot continue a valid document (text.length when the text ends too early), or null when
 * the text is valid JSON.
 */
export function jsonErrorOffset(text: string): number | null {
  let at = 0;
  function fail(): never {
    throw new SyntaxOffset(at);
  }
  const space = (): void => {
    while (at < text.length && ' \t\r\n'.includes(text[at]!)) at += 1;
  };
  const literal = (word: string): void => {
    for (const char of word) {
      if (text[at] !== char) fail();
      at += 1;
    }
  };
  const string = (): void => {
    at += 1; // opening quote
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') return void (at += 1);
      if (char < ' ') fail();
      if (char === '\\') {
        at += 1;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail();
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail();
      }
      at += 1;
    }
    fail();
  };
  const number = (): void => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (match === null) fail();
    at += match[0].length;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') return sequence('}', () => {
      space();
      if (text[at] !== '"') fail();
      string();
      space();
      if (text[at] !== ':') fail();
      at += 1;
      value();
    });
    if (char === '[') return sequence(']', value);
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    fail();
  };
  const sequence = (close: string, item: () => void): void => {
    at += 1;
    space();
    if (text[at] === close) return void (at += 1);
    for (;;) {
      item();
      space();
      if (text[at] === ',') at += 1;
      else if (text[at] === close) return void (at += 1);
      else fail();
    }
  };
  try {
    value();
    space();
    if (at < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof SyntaxOffset) return Math.min(error.offset, text.length);
    // A RangeError from recursion depth: JSON.parse already said what is wrong, just not where.
    return null;
  }
}

class SyntaxOffset {
  constructor(readonly offset: number) {}
}
