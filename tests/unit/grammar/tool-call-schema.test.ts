import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolCallJsonSchema } from '../../../src/core/grammar';
import type { ToolDefinition } from '../../../src/core/types';
import { argumentsArbitrary } from './support/arbitrary';
import { TOOLS } from './support/fixtures';
import { renderJsonCall, spellingArbitrary, XGRAMMAR_SPACES, type Spelling } from './support/render';
import { jsonSchemaAcceptor, type Acceptor } from './support/xgrammar';

// XGrammar (WASM) compiles the schema exactly as web-llm's json_object mode does; ajv cross-checks
// that the schema means what the grammar enforces.

const RUNS = 100;
const spaced: Spelling = { spaces: [' '], escapeNonAscii: false, escapeSlash: true };

const ajv = new Ajv2020({ strict: false, allErrors: true });

describe('toolCallJsonSchema', () => {
  const schema = toolCallJsonSchema(TOOLS);
  const validate = ajv.compile(schema);
  let grammar: Acceptor;

  beforeAll(async () => {
    grammar = await jsonSchemaAcceptor(schema);
  });
  afterAll(() => grammar.dispose());

  it.each(TOOLS.map((t) => [t.name, t]))('XGrammar and ajv accept every valid call to %s', (_name, t) => {
    const original = ajv.compile(t.parameters);
    fc.assert(
      fc.property(argumentsArbitrary(t), spellingArbitrary(XGRAMMAR_SPACES), (args, loose) => {
        const spelling: Spelling = { ...loose, escapeSlash: true };
        // The generated arguments really are valid for the tool's own schema…
        expect(original(args), JSON.stringify(original.errors)).toBe(true);
        // …valid for the call schema…
        expect(validate({ name: t.name, arguments: args }), JSON.stringify(validate.errors)).toBe(true);
        // …and XGrammar's grammar for that schema lets the model write them, however spaced.
        const text = renderJsonCall(t.name, args, spelling);
        expect(grammar.accepts(text), text).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects unknown tools, missing required arguments and wrong types (XGrammar and ajv agree)', () => {
    const bad: Array<[string, unknown]> = [
      ['get_wether', { city: 'Paris' }],
      ['get_weather', {}],
      ['get_weather', { city: 42 }],
      ['get_weather', { city: 'Paris', unit: 'kelvin' }],
      ['get_weather', { city: 'Paris', days: 'three' }],
      ['get_weather', { city: 'Paris', country: 'FR' }],
      ['calc', { a: 1, op: '+' }],
      ['calc', { a: 1, op: '%', b: 2 }],
      ['create_event', { title: 't', start: 's', attendees: [] }],
      ['create_event', { title: 't', start: 's', attendees: [{ optional: true }] }],
      ['create_event', { title: 't', start: 's', attendees: [{ email: 'a' }], priority: 'high' }],
      ['set_config', { version: 3, key: 'k', value: 1 }],
      ['set_config', { version: 2, key: 'k', value: 1, point: [1] }],
      ['make_tree', { root: { label: 'a', children: [{ children: [] }] } }],
      ['make_tree', { root: { label: 'a' }, meta: { size: 1 } }],
      ['no_args', 'nothing'],
    ];
    for (const [name, args] of bad) {
      const what = JSON.stringify([name, args]);
      expect(validate({ name, arguments: args }), what).toBe(false);
      expect(grammar.accepts(renderJsonCall(name, args, spaced)), what).toBe(false);
    }
    expect(grammar.accepts('{"name": "get_weather"}')).toBe(false);
    expect(grammar.accepts('The weather is fine.')).toBe(false);
  });

  it('has one branch per tool, with the name as a const', () => {
    const branches = schema.anyOf as Array<{ properties: { name: { const: string } }; required: string[] }>;
    expect(branches.map((branch) => branch.properties.name.const)).toEqual(TOOLS.map((t) => t.name));
    for (const branch of branches) expect(branch.required).toEqual(['name', 'arguments']);
  });

  it('hoists $defs and renames refs so recursion still resolves under anyOf', () => {
    const defs = schema.$defs as Record<string, unknown>;
    expect(Object.keys(defs)).toEqual(['t5_0']);
    expect(JSON.stringify(schema)).not.toContain('#/$defs/node');
    // XGrammar turned the recursive ref into a recursive rule rather than giving up on it (any value).
    const deep = { root: { label: 'a', children: [{ label: 'b', children: [{ label: 'c', children: [] }] }] } };
    expect(grammar.accepts(renderJsonCall('make_tree', deep, spaced))).toBe(true);
    const badDeep = { root: { label: 'a', children: [{ label: 'b', children: [{ children: [] }] }] } };
    expect(grammar.accepts(renderJsonCall('make_tree', badDeep, spaced))).toBe(false);
    expect(validate({ name: 'make_tree', arguments: badDeep })).toBe(false);
  });

  it('drops keywords XGrammar does not enforce faithfully, and lists required properties first', () => {
    const text = JSON.stringify(schema);
    for (const keyword of ['"pattern"', '"format"', '"minLength"', '"maxLength"', '"minimum"', '"maximum"', '"oneOf"', '"allOf"', '"nullable"', '"description"']) {
      expect(text, keyword).not.toContain(keyword);
    }
    const calc = (schema.anyOf as Array<{ properties: { arguments: { properties: object } } }>)[2];
    expect(Object.keys(calc?.properties.arguments.properties ?? {})).toEqual(['b', 'op', 'a', 'precision']);
  });

  it('gives a single tool without anyOf, and refuses an empty tool list', async () => {
    const [first] = TOOLS;
    if (!first) throw new Error('no fixtures');
    const single = toolCallJsonSchema([first]);
    expect(single.anyOf).toBeUndefined();
    expect(single.properties).toMatchObject({ name: { const: 'get_weather' } });
    const one = await jsonSchemaAcceptor(single);
    expect(one.accepts('{"name": "get_weather", "arguments": {"city": "Paris"}}')).toBe(true);
    one.dispose();
    expect(() => toolCallJsonSchema([])).toThrow(RangeError);
  });

  it('treats missing or non-object parameters as any object', () => {
    const loose: ToolDefinition[] = [{ name: 'free', description: '', parameters: {} }];
    const check = ajv.compile(toolCallJsonSchema(loose));
    expect(check({ name: 'free', arguments: { a: [1] } })).toBe(true);
    expect(check({ name: 'free', arguments: [1] })).toBe(false);
  });
});
