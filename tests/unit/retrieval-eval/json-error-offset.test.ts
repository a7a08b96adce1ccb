/** Locating the first broken character of JSON text, checked against JSON.parse itself. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../../src/eval/json-error-offset';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('jsonErrorOffset', () => {
  it('points at the first character that cannot continue the document', () => {
    expect(jsonErrorOffset('[\n  {"name": "a"},\n  {"name": }\n]')).toBe(30);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('"tab\there"')).toBe(4);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset('')).toBe(0);
    expect(jsonErrorOffset(' {"a": [1, -2.5e3, "\\u00e9\\n", true, false, null]} ')).toBeNull();
  });

  it('agrees with JSON.parse on valid JSON and on damaged JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonErrorOffset(text)).toBeNull();
      }),
      { numRuns: 500 },
    );
    const damaged = fc.tuple(fc.json(), fc.nat(), fc.nat(3), fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '1', ' ', '\u0001')).map(
      ([text, at, cut, insert]) => {
        const position = at % (text.length + 1);
        return text.slice(0, position) + insert + text.slice(position + cut);
      },
    );
    fc.assert(
      fc.property(damaged, (text) => {
        expect(jsonErrorOffset(text) === null).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });
});
