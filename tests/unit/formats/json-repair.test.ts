import { describe, expect, it } from 'vitest';
import { repairJson, readJsonValue } from '../../../src/core/formats/json-repair';
import { MAX_DEPTH } from '../../../src/core/formats/json-reader';

function ok(text: string): { value: unknown; repairs: string[]; truncated: boolean } {
  const result = repairJson(text);
  if ('error' in result) throw new Error(`expected a value, got error: ${result.error}`);
  return result;
}

describe('repairJson', () => {
  it('reads valid JSON with no repairs', () => {
    expect(ok('{"a": [1, 2.5e3, -0.5, "x\\n\\u00e9"], "b": {"c": null, "d": true, "e": false}}')).toEqual({
      value: { a: [1, 2500, -0.5, 'x\né'], b: { c: null, d: true, e: false } },
      repairs: [],
      truncated: false,
    });
  });

  it('repairs: surrounding code fence (```json ... ```)', () => {
    const result = ok('```json\n{"a": 1}\n```');
    expect(result.value).toEqual({ a: 1 });
    expect(result.repairs).toEqual(['removed a code fence']);
  });

  it('repairs: a code fence that was never closed', () => {
    expect(ok('```JSON\n{"a": 1}').repairs).toContain('removed an unclosed code fence');
  });

  it('repairs: trailing commas in objects and arrays', () => {
    const result = ok('{"a": [1, 2,], "b": 3,}');
    expect(result.value).toEqual({ a: [1, 2], b: 3 });
    expect(result.repairs).toEqual(['removed trailing comma (×2)']);
  });

  it('repairs: single-quoted strings (with a double quote inside)', () => {
    const result = ok(`{'a': 'it\\'s "fine"'}`);
    expect(result.value).toEqual({ a: `it's "fine"` });
    expect(result.repairs).toEqual(['converted single-quoted string (×2)']);
  });

  it('repairs: unquoted keys', () => {
    const result = ok('{city: "Paris", max_results: 3, $x-y: 1}');
    expect(result.value).toEqual({ city: 'Paris', max_results: 3, '$x-y': 1 });
    expect(result.repairs).toEqual(['quoted unquoted key (×3)']);
  });

  it('repairs: Python literals True/False/None', () => {
    const result = ok("{'a': True, 'b': False, 'c': None}");
    expect(result.value).toEqual({ a: true, b: false, c: null });
    expect(result.repairs).toContain('converted Python literal True/False/None (×3)');
  });

  it('repairs: unclosed braces and brackets at end of output', () => {
    const result = ok('{"a": {"b": [1, 2');
    expect(result.value).toEqual({ a: { b: [1, 2] } });
    expect(result.truncated).toBe(true);
    expect(result.repairs).toEqual(['closed 3 unclosed brackets']);
  });

  it('repairs: an unclosed string at end of output', () => {
    const result = ok('{"text": "hello wor');
    expect(result.value).toEqual({ text: 'hello wor' });
    expect(result.truncated).toBe(true);
    expect(result.repairs).toEqual(['closed an unterminated string', 'closed 1 unclosed bracket']);
  });

  it('repairs: a key without a value at end of output is dropped', () => {
    expect(ok('{"a": 1, "b": ').value).toEqual({ a: 1 });
    expect(ok('{"a": 1, "b"').value).toEqual({ a: 1 });
    expect(ok('{"a": 1, "b": -').value).toEqual({ a: 1 });
  });

  it('repairs: a literal or number cut off at end of output', () => {
    expect(ok('{"a": tr').value).toEqual({ a: true });
    expect(ok('{"a": 1.5e').value).toEqual({ a: 1.5 });
  });

  it('repairs: arguments given as a JSON-encoded string', () => {
    const result = ok(JSON.stringify(JSON.stringify({ a: 1, b: 'x' })));
    expect(result.value).toEqual({ a: 1, b: 'x' });
    expect(result.repairs).toEqual(['decoded a value given as a JSON-encoded string']);
  });

  it('leaves a plain string value alone', () => {
    expect(ok('"hello"')).toEqual({ value: 'hello', repairs: [], truncated: false });
  });

  it('repairs: missing commas, comments, extra and mismatched closers', () => {
    expect(ok('{"a": 1 "b": 2}').value).toEqual({ a: 1, b: 2 });
    expect(ok('{"a": 1, /* note */ "b": 2 // end\n}').value).toEqual({ a: 1, b: 2 });
    expect(ok('{"a": 1}}').repairs).toContain('removed an extra closing bracket');
    const mismatched = ok('{"a": [1, 2}');
    expect(mismatched.value).toEqual({ a: [1, 2] });
    expect(mismatched.repairs).toContain("inserted missing ']'");
  });

  it('reports an error, never throws, for text that is not JSON', () => {
    for (const text of ['', '   ', 'hello', '{"a": nope}', '{"a" 1}', '[1, 2] and more', '{"a": NaN}', '}']) {
      expect(repairJson(text)).toHaveProperty('error');
    }
  });

  it('makes "__proto__" an own property and leaves Object.prototype alone', () => {
    const result = ok('{"__proto__": {"polluted": 1}, "a": {"__proto__": []}}');
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(Object.getPrototypeOf(value.a)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(value).toEqual(JSON.parse('{"__proto__": {"polluted": 1}, "a": {"__proto__": []}}'));
  });

  it('reads 10,000 nested brackets without a stack overflow', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const result = ok(deep);
    expect(result.repairs).toEqual([]);
    let depth = 0;
    let node: unknown = result.value;
    while (Array.isArray(node)) {
      depth++;
      node = node[0];
    }
    expect(depth).toBe(10_000);
    expect(ok('{"a":'.repeat(10_000)).truncated).toBe(true);
  });

  it('refuses nesting deeper than MAX_DEPTH instead of working for seconds', () => {
    expect(repairJson('['.repeat(MAX_DEPTH + 1))).toHaveProperty('error');
  });

  it('reads a 1 MB string value', () => {
    const big = 'x'.repeat(1 << 20);
    expect(ok(JSON.stringify({ big })).value).toEqual({ big });
  });
});

describe('readJsonValue', () => {
  it('reports where the value ends so callers can read what follows', () => {
    const read = readJsonValue('xx {"a": 1} tail', 3);
    expect(read).toMatchObject({ value: { a: 1 }, end: 11, truncated: false });
  });

  it('reads every strict prefix of valid JSON as truncated, never as an error or a complete value', () => {
    const text = JSON.stringify({ a: [1, -2.5e-3, 'x\\"y\u00e9', { b: null, c: true, d: false }], e: '\ud83d\ude00' });
    for (let k = 0; k < text.length; k++) {
      const read = readJsonValue(text.slice(0, k));
      expect(read.error, text.slice(0, k)).toBeUndefined();
      expect(read.truncated, text.slice(0, k)).toBe(true);
    }
    expect(readJsonValue(text).truncated).toBe(false);
  });

  it('stops at the limit it is given', () => {
    expect(readJsonValue('{"a": 1}</x>', 0, 7)).toMatchObject({ value: { a: 1 }, truncated: true });
  });
});
