import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, formats, parseToolCalls, repairJson, type ParseResult } from '../../../src/core/formats';

const ALL_FORMATS = Object.values(formats);
const MODES = [...ALL_FORMATS.map((format) => format.name), 'auto'] as const;
const KINDS = new Set(['repaired', 'invalid-json', 'unknown-tool', 'incomplete', 'missing-name', 'bad-arguments']);

/** Pieces of every format's markup, so fuzzed strings hit the interesting paths often. */
const FRAGMENTS = [
  '<tool_call>', '</tool_call>', '<tool_response>', '</tool_response>', '<|startofthink|>', '<|endofthink|>',
  '<|startofexec|>', '<|endofexec|>', '```json\n', '```JSON\n', '```', '{', '}', '[', ']', '"', "'", ':', ',', '\\',
  '\n', ' ', 'Action:', 'Action Input:', 'Thought:', 'Observation:', 'Final Answer:', '"name"', '"arguments"',
  '"parameters"', '"api_name"', '"tool_calls"', '"function"', 'True', 'None', 'nul', '__proto__', '"__proto__"',
  '"constructor"', '1', '-', 'e', '.', '/*', '//', '\\u12', '\\"', '"name": "f"', '"arguments": {',
  // The families recognised in auto mode.
  '<function=f>', '</function>', '<parameter=a>', '</parameter>', '<arg_key>', '</arg_key>', '<arg_value>', '</arg_value>',
  '<|python_tag|>', ';', '[f(a=1)]', '[f(', 'f(', ')', '=', '"""', "'''", '<|tool_call_start|>', '<|tool_call_end|>',
  '<function_calls>', '</function_calls>', '[TOOL_CALLS]', '[ARGS]', '[CALL_ID]', '<｜tool▁calls▁begin｜>',
  '<｜tool▁call▁begin｜>', '<｜tool▁sep｜>', '<｜tool▁call▁end｜>', 'function', '<start_function_call>', 'call:f{',
  '<escape>', '<end_function_call>', '<|tool_call|>', '<tool_calls>', '</tool_calls>', '<|action_start|><|plugin|>',
  '<|action_end|>', '<|START_ACTION|>', '<|END_ACTION|>', '"tool_name"', '>>>', '>>>all\n', '>>>f\n', '<|recipient|>',
  '<|content|>', '✿FUNCTION✿: f\n', '✿ARGS✿:', '✿RESULT✿:', '✿RETURN✿:', '{"action": "f", "action_input": ', '"Final Answer"',
];
const fragment = fc.constantFrom(...FRAGMENTS);
const fragmentText = fc.array(fc.oneof(fragment, fragment, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(''));

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);
const argKey = fc.oneof(identifier, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'));
const argValues = (maxDepth: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.dictionary(argKey, fc.jsonValue({ maxDepth, stringUnit: 'binary' }), { maxKeys: 5 });
/** Small JSON values (short strings) for the prefix properties, whose cost grows with the square of the text. */
const smallJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(argKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const smallArgs = fc.dictionary(argKey, smallJson, { maxKeys: 4 });
const safeContent = fc.stringMatching(/^[A-Za-z0-9 .,]{0,30}$/);

let prototypeKeys: string[] = [];
beforeAll(() => {
  prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
});
afterAll(() => {
  // No input in this file may have added anything to Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
});

/** What is wrong with a result's shape (what every caller relies on), or undefined. Plain checks: fast. */
function shapeError(result: ParseResult): string | undefined {
  if (typeof result.content !== 'string' || result.content !== result.content.trim()) return 'content is not trimmed text';
  for (const call of result.calls) {
    if (typeof call.name !== 'string' || call.name === '') return 'a call has no name';
    const args: unknown = call.arguments;
    if (typeof args !== 'object' || args === null || Array.isArray(args)) return 'arguments are not an object';
  }
  for (const problem of result.problems) if (!KINDS.has(problem.kind)) return `unknown problem kind ${problem.kind}`;
  return undefined;
}

function checkShape(result: ParseResult): void {
  const error = shapeError(result);
  if (error) throw new Error(error);
}

function parseAll(text: string): void {
  for (const mode of MODES) {
    for (const final of [false, true]) checkShape(parseToolCalls(text, { format: mode, final }));
  }
  const repaired = repairJson(text);
  if (!('error' in repaired) && !('value' in repaired)) throw new Error('repairJson returned neither value nor error');
}

/** JSON round trip: what a perfect reader of the rendered text returns (-0 becomes 0, and so on). */
function normalised(args: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(args));
}

describe('(a) any string parses without throwing, in every format and in auto', () => {
  // 3 properties × 3,400 runs = 10,200 strings, each parsed 10 ways (5 modes × final or not) plus repairJson.
  it('fc.string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), parseAll), { numRuns: 3_400 });
  }, 120_000);

  it('full-unicode strings (unit: binary, lone surrogates included)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), parseAll), { numRuns: 3_400 });
  }, 120_000);

  it('strings built from format fragments', () => {
    fc.assert(fc.property(fragmentText, parseAll), { numRuns: 3_400 });
  }, 120_000);
});

/** One format per run: with 18 formats, checking every format in every run would take minutes. */
const anyFormat = fc.constantFrom(...ALL_FORMATS);

describe('(b) parse(renderCalls([call])) returns the same call', () => {
  it('for every format, and auto detects the same format', () => {
    fc.assert(
      fc.property(anyFormat, identifier, argValues(3), (format, name, args) => {
        const expected = [{ name, arguments: normalised(args) }];
        const text = format.renderCalls([{ name, arguments: args }]);
        const parsed = format.parse(text);
        expect(parsed.calls, text).toEqual(expected);
        expect(parsed.problems, text).toEqual([]);
        expect(format.parse(text, { final: true }).calls).toEqual(expected);
        expect(detectFormat(text), text).toBe(format.name);
        expect(parseToolCalls(text, { format: 'auto' }).calls).toEqual(expected);
      }),
      { numRuns: 1_800 },
    );
  }, 120_000);

  it('with content and several calls', () => {
    fc.assert(
      fc.property(anyFormat, fc.array(fc.tuple(identifier, argValues(2)), { minLength: 1, maxLength: 3 }), safeContent, (format, pairs, content) => {
        const calls = pairs.map(([name, args]) => ({ name, arguments: args }));
        const expected = calls.map((call) => ({ name: call.name, arguments: normalised(call.arguments) }));
        const text = format.renderCalls(calls, content);
        const parsed = format.parse(text);
        expect(parsed.calls, text).toEqual(expected);
        expect(parsed.content, text).toBe(content.trim());
      }),
      { numRuns: 900 },
    );
  }, 120_000);
});

describe('(c) no strict prefix of rendered calls yields a complete call (non-final mode)', () => {
  it('one call: every strict prefix yields no call, in its format and in auto', () => {
    fc.assert(
      fc.property(anyFormat, identifier, smallArgs, fc.option(safeContent, { nil: undefined }), (format, name, args, content) => {
        const text = format.renderCalls([{ name, arguments: args }], content);
        for (let k = 0; k < text.length; k++) {
          const prefix = text.slice(0, k);
          if (format.parse(prefix).calls.length > 0) throw new Error(`${format.name} found a call in ${JSON.stringify(prefix)}`);
          if (parseToolCalls(prefix, { format: 'auto' }).calls.length > 0) throw new Error(`auto found a call in ${JSON.stringify(prefix)}`);
        }
        // ...and the whole text does yield it.
        if (format.parse(text).calls.length !== 1) throw new Error(`${format.name} lost the call in ${JSON.stringify(text)}`);
      }),
      { numRuns: 900 },
    );
  }, 120_000);

  it('two calls: a strict prefix yields only calls that are complete in it, in order', () => {
    fc.assert(
      fc.property(anyFormat, identifier, smallArgs, identifier, smallArgs, (format, first, firstArgs, second, secondArgs) => {
        const calls = [
          { name: first, arguments: firstArgs },
          { name: second, arguments: secondArgs },
        ];
        const expected = calls.map((call) => ({ name: call.name, arguments: normalised(call.arguments) }));
        const text = format.renderCalls(calls);
        for (let k = 0; k < text.length; k++) {
          const found = format.parse(text.slice(0, k)).calls;
          if (found.length >= 2) throw new Error(`${format.name} found both calls in ${JSON.stringify(text.slice(0, k))}`);
          if (found.length === 1) expect(found).toEqual(expected.slice(0, 1));
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

describe('(e) "__proto__" keys never touch Object.prototype', () => {
  const polluting = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;

  it.each(ALL_FORMATS.map((format) => [format.name, format] as const))('%s: rendered and parsed', (_name, format) => {
    for (const final of [false, true]) {
      const [call] = format.parse(format.renderCalls([{ name: 'f', arguments: polluting }]), { final }).calls;
      expect(call).toBeDefined();
      const args = call?.arguments ?? {};
      expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(args, '__proto__')?.value).toEqual({ polluted: 1 });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('hand-written texts with __proto__ in every position', () => {
    const texts = [
      '<tool_call>{"name": "f", "arguments": {"__proto__": {"polluted": 1}}}</tool_call>',
      '<tool_call>{"__proto__": {"name": "x"}, "name": "f", "arguments": {"__proto__": {"polluted": 1}}',
      "<|startofthink|>{'api_name': 'f', 'parameters': {__proto__: {polluted: 1}}}<|endofthink|>",
      'Action: f\nAction Input: {"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}',
      '{"tool_calls": [{"function": {"name": "f", "arguments": "{\\"__proto__\\": {\\"polluted\\": 1}}"}}]}',
      '{"__proto__": {"tool_calls": []}, "name": "__proto__", "arguments": {"__proto__": 1}}',
    ];
    for (const text of texts) {
      for (const final of [false, true]) {
        const result = parseToolCalls(text, { format: 'auto', final, tools: ['f', 'constructor'] });
        checkShape(result);
        for (const call of result.calls) expect(Object.getPrototypeOf(call.arguments)).toBe(Object.prototype);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
