import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolCallGrammar } from '../../../src/core/grammar';
import type { ToolDefinition } from '../../../src/core/types';
import { argumentsArbitrary } from './support/arbitrary';
import { TOOLS } from './support/fixtures';
import { MODEL_SPACES, renderHermesCalls, renderJsonCall, spellingArbitrary, type Spelling } from './support/render';
import { ebnfAcceptor, type Acceptor } from './support/xgrammar';

// Every check here runs the real XGrammar (WASM): the generated EBNF is parsed and normalised by
// Grammar.fromEBNF, and complete strings are matched by Testings.isGrammarAcceptString.

const RUNS = 100;
const plain: Spelling = { spaces: [''], escapeNonAscii: false };
const spaced: Spelling = { spaces: [' '], escapeNonAscii: false };

const hermes = (name: string, args: unknown, spelling = spaced): string => renderHermesCalls([{ name, args }], spelling);

describe('toolCallGrammar, hermes format', () => {
  let withText: Acceptor;
  let callsOnly: Acceptor;

  beforeAll(async () => {
    withText = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'hermes', allowText: true }));
    callsOnly = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'hermes', allowText: false }));
  });
  afterAll(() => {
    withText.dispose();
    callsOnly.dispose();
  });

  it.each(TOOLS.map((t) => [t.name, t]))('accepts every valid call to %s, however it is spaced', async (_name, t) => {
    await fc.assert(
      fc.asyncProperty(argumentsArbitrary(t), spellingArbitrary(MODEL_SPACES), async (args, spelling) => {
        const text = hermes(t.name, args, spelling);
        expect(callsOnly.accepts(text), text).toBe(true);
        expect(withText.accepts(text), text).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts several calls in a row', async () => {
    const callArb = fc.constantFrom(...TOOLS).chain((t) => argumentsArbitrary(t).map((args) => ({ name: t.name, args })));
    await fc.assert(
      fc.asyncProperty(fc.array(callArb, { minLength: 2, maxLength: 4 }), spellingArbitrary(MODEL_SPACES), async (calls, spelling) => {
        const text = renderHermesCalls(calls, spelling);
        expect(callsOnly.accepts(text), text).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts the canonical Hermes layout', async () => {
    expect(callsOnly.accepts('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}\n</tool_call>')).toBe(true);
  });

  it('rejects calls to unknown tools', async () => {
    for (const name of ['get_wether', 'GET_WEATHER', '', 'get_weather ', 'ns.tool-name/"quoted"\\u']) {
      expect(callsOnly.accepts(hermes(name, { city: 'Paris' })), name).toBe(false);
    }
  });

  it('rejects calls missing a required argument', async () => {
    for (const t of TOOLS) {
      const valid = fc.sample(argumentsArbitrary(t), { numRuns: 5, seed: 7 });
      const required = (t.parameters.required as string[] | undefined) ?? [];
      for (const args of valid) {
        for (const name of required) {
          const { [name]: _dropped, ...rest } = args;
          expect(callsOnly.accepts(hermes(t.name, rest)), `${t.name} without ${name}`).toBe(false);
        }
      }
    }
  });

  it('rejects arguments of the wrong type', async () => {
    const wrong: Array<[string, unknown]> = [
      ['get_weather', { city: 42 }],
      ['get_weather', { city: 'Paris', days: 1.5 }],
      ['get_weather', { city: 'Paris', days: '3' }],
      ['get_weather', { city: 'Paris', unit: 'kelvin' }],
      ['calc', { a: 1, op: '+', b: '2' }],
      ['calc', { a: 1, op: '%', b: 2 }],
      ['search', { exact: 'true' }],
      ['search', { filters: { tags: ['x'] } }],
      ['search', { filters: { lang: 'en', tags: [1] } }],
      ['create_event', { title: 't', start: 's', attendees: [] }],
      ['create_event', { title: 't', start: 's', attendees: [{ email: 'a@b', extra: 1 }] }],
      ['create_event', { title: 't', start: 's', attendees: [{ email: 'a@b' }], priority: 'high' }],
      ['create_event', { title: 't', start: 's', attendees: [{ email: 'a@b' }], location: 3 }],
      ['set_config', { version: 3, key: 'k', value: null }],
      ['set_config', { version: 2, key: 'k', value: null, weights: { a: 'heavy' } }],
      ['set_config', { version: 2, key: 'k', value: null, point: [1] }],
      ['set_config', { version: 2, key: 'k', value: null, point: [1, 2, 3] }],
      ['make_tree', { root: { children: [] } }],
      ['make_tree', { root: { label: 'a', children: [{ label: 1 }] } }],
      ['make_tree', { root: { label: 'a' }, meta: { size: 1 } }],
      ['get_weather', []],
      ['get_weather', 'Paris'],
    ];
    for (const [name, args] of wrong) {
      expect(callsOnly.accepts(hermes(name, args)), JSON.stringify([name, args])).toBe(false);
    }
  });

  it('accepts only numbers JavaScript reads as finite: a positive exponent has two digits at most', async () => {
    const call = (a: string): string => `<tool_call>\n{"name": "calc", "arguments": {"b": 1, "op": "+", "a": ${a}}}\n</tool_call>`;
    for (const number of ['1e10', '-2.5E-7', '3e+99', '5e-324', '0.5']) expect(callsOnly.accepts(call(number)), number).toBe(true);
    // 2e0200 is JSON but reads as Infinity, which JSON.stringify sends on as null.
    for (const number of ['2e0200', '1e400', '1e+100']) expect(callsOnly.accepts(call(number)), number).toBe(false);
  });

  it('rejects properties the schema does not declare, out of order, or twice', async () => {
    expect(callsOnly.accepts(hermes('get_weather', { city: 'Paris', country: 'FR' }))).toBe(false);
    expect(callsOnly.accepts(hermes('get_weather', { days: 2, city: 'Paris' }))).toBe(false);
    expect(callsOnly.accepts('<tool_call>{"name": "get_weather", "arguments": {"city": "a", "city": "b"}}</tool_call>')).toBe(false);
  });

  it('rejects malformed call markup', async () => {
    const body = '{"name": "get_weather", "arguments": {"city": "Paris"}}';
    for (const text of [
      `<tool_call>${body}`,
      `${body}</tool_call>`,
      body,
      `<tool_call>{"arguments": {"city": "Paris"}, "name": "get_weather"}</tool_call>`,
      `<tool_call>{"name": "get_weather", "parameters": {"city": "Paris"}}</tool_call>`,
      `<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}, "id": 1}</tool_call>`,
      `<tool_call>{"name": "get_weather", "arguments": {"city": "Paris",}}</tool_call>`,
      `<tool_call>{'name': 'get_weather', 'arguments': {'city': 'Paris'}}</tool_call>`,
      `<tool_call>${body}</tool_call> and then some text`,
    ]) {
      expect(callsOnly.accepts(text), text).toBe(false);
      // Without the opening marker it is (odd) text, which text mode allows.
      expect(withText.accepts(text), text).toBe(!text.includes('<tool_call>'));
    }
  });

  it('accepts text answers only when text is allowed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), async (text) => {
        fc.pre(!text.includes('<tool_call>'));
        expect(withText.accepts(text), text).toBe(true);
        expect(callsOnly.accepts(text), text).toBe(false);
      }),
      { numRuns: 100 },
    );
    expect(withText.accepts('The weather in Paris is sunny. Use <tool_call to call…')).toBe(true);
    expect(withText.accepts('')).toBe(false);
  });

  it('rejects text that contains the call marker', async () => {
    for (const text of ['<tool_call>', 'I will call <tool_call>{"name": "x"}', 'a<<tool_call>b', `${hermes('get_weather', { city: 'P' }, plain)} done`]) {
      expect(withText.accepts(text), text).toBe(false);
    }
  });
});

describe('toolCallGrammar, json format', () => {
  let withText: Acceptor;
  let callsOnly: Acceptor;

  beforeAll(async () => {
    withText = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'json', allowText: true }));
    callsOnly = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'json', allowText: false }));
  });
  afterAll(() => {
    withText.dispose();
    callsOnly.dispose();
  });

  it.each(TOOLS.map((t) => [t.name, t]))('accepts every valid bare call to %s', async (_name, t) => {
    await fc.assert(
      fc.asyncProperty(argumentsArbitrary(t), spellingArbitrary(MODEL_SPACES), fc.constantFrom('', '\n', ' '), async (args, spelling, edge) => {
        const text = `${edge}${renderJsonCall(t.name, args, spelling)}${edge}`;
        expect(callsOnly.accepts(text), text).toBe(true);
        expect(withText.accepts(text), text).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects unknown tools, missing arguments, wrong types and two calls', async () => {
    for (const text of [
      renderJsonCall('weather', { city: 'Paris' }, spaced),
      renderJsonCall('get_weather', {}, spaced),
      renderJsonCall('get_weather', { city: null }, spaced),
      `${renderJsonCall('get_weather', { city: 'Paris' }, spaced)}${renderJsonCall('get_weather', { city: 'Rome' }, spaced)}`,
    ]) {
      expect(callsOnly.accepts(text), text).toBe(false);
      expect(withText.accepts(text), text).toBe(false);
    }
  });

  it('accepts text that does not start with "{" only when text is allowed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), async (text) => {
        fc.pre(!text.trimStart().startsWith('{') && text.trim() !== '');
        expect(withText.accepts(text), text).toBe(true);
        expect(callsOnly.accepts(text), text).toBe(false);
      }),
      { numRuns: 100 },
    );
    expect(withText.accepts('{"answer": 42}')).toBe(false);
    // Hermes markup is just text in this format.
    expect(callsOnly.accepts(hermes('get_weather', { city: 'Paris' }))).toBe(false);
    expect(withText.accepts(hermes('get_weather', { city: 'Paris' }))).toBe(true);
    expect(withText.accepts('  \n')).toBe(false);
  });
});

describe('toolCallGrammar edge cases', () => {
  it('with no tools, allows only text, or refuses to build an empty language', async () => {
    const text = await ebnfAcceptor(toolCallGrammar([], { format: 'hermes', allowText: true }));
    expect(text.accepts('Hello there')).toBe(true);
    expect(text.accepts(hermes('get_weather', { city: 'Paris' }))).toBe(false);
    text.dispose();
    expect(() => toolCallGrammar([], { format: 'hermes', allowText: false })).toThrow(RangeError);
    expect(() => toolCallGrammar([], { format: 'json', allowText: false })).toThrow(RangeError);
  });

  it('keeps the first of two tools with the same name', async () => {
    const first: ToolDefinition = { name: 'dup', description: '', parameters: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } };
    const second: ToolDefinition = { name: 'dup', description: '', parameters: { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] } };
    const grammar = await ebnfAcceptor(toolCallGrammar([first, second], { format: 'hermes', allowText: false }));
    expect(grammar.accepts(hermes('dup', { a: 'x' }))).toBe(true);
    expect(grammar.accepts(hermes('dup', { b: 1 }))).toBe(false);
    grammar.dispose();
  });

  it('treats missing or non-object parameters as any object', async () => {
    const loose: ToolDefinition[] = [
      { name: 'empty', description: '', parameters: {} },
      { name: 'stringy', description: '', parameters: { type: 'string' } },
    ];
    const grammar = await ebnfAcceptor(toolCallGrammar(loose, { format: 'json', allowText: false }));
    expect(grammar.accepts(renderJsonCall('empty', { anything: [1, { b: null }] }, spaced))).toBe(true);
    expect(grammar.accepts(renderJsonCall('stringy', {}, spaced))).toBe(true);
    expect(grammar.accepts(renderJsonCall('stringy', 'text', spaced))).toBe(false);
    grammar.dispose();
  });

  it('degrades unsupported keywords and unresolvable refs to any value', async () => {
    const odd: ToolDefinition = {
      name: 'odd',
      description: '',
      parameters: {
        type: 'object',
        properties: { a: { not: { type: 'string' } }, b: { $ref: 'https://example.com/schema.json' }, c: { if: { type: 'string' }, then: { minLength: 2 } }, d: false },
        required: ['a', 'b', 'c', 'd'],
      },
    };
    const grammar = await ebnfAcceptor(toolCallGrammar([odd], { format: 'json', allowText: false }));
    expect(grammar.accepts(renderJsonCall('odd', { a: 'str', b: [1], c: { x: 1 }, d: null }, spaced))).toBe(true);
    grammar.dispose();
  });

  it('adds a base schema to each anyOf branch (required-one-of patterns)', async () => {
    const either: ToolDefinition = {
      name: 'lookup',
      description: '',
      parameters: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' } }, anyOf: [{ required: ['id'] }, { required: ['slug'] }] },
    };
    const grammar = await ebnfAcceptor(toolCallGrammar([either], { format: 'json', allowText: false }));
    expect(grammar.accepts(renderJsonCall('lookup', { id: 1 }, spaced))).toBe(true);
    expect(grammar.accepts(renderJsonCall('lookup', { slug: 'a' }, spaced))).toBe(true);
    expect(grammar.accepts(renderJsonCall('lookup', {}, spaced))).toBe(false);
    expect(grammar.accepts(renderJsonCall('lookup', { id: 'x' }, spaced))).toBe(false);
    grammar.dispose();
  });

  it('is deterministic, so a cached matcher can be reused for the same tools', () => {
    expect(toolCallGrammar(TOOLS, { format: 'hermes', allowText: true })).toBe(toolCallGrammar(TOOLS, { format: 'hermes', allowText: true }));
  });
});
