import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { isTextOrCallSchema, textOrCallJsonSchema, toolCallJsonSchema } from '../../../src/core/grammar';
import type { ToolDefinition } from '../../../src/core/types';

const tools: ToolDefinition[] = [
  { name: 'get_weather', description: 'Weather.', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  {
    name: 'add',
    description: 'Adds.',
    parameters: { type: 'object', properties: { a: { $ref: '#/$defs/n' }, b: { $ref: '#/$defs/n' } }, required: ['a', 'b'], $defs: { n: { type: 'number' } } },
  },
];

describe('textOrCallJsonSchema', () => {
  const schema = textOrCallJsonSchema(tools);
  const validate = new Ajv2020({ strict: false }).compile(schema);

  it('admits an answer in words or a valid call of an offered tool, nothing else', () => {
    expect(validate({ text: 'Hello' })).toBe(true);
    expect(validate({ name: 'get_weather', arguments: { city: 'Paris' } })).toBe(true);
    expect(validate({ name: 'add', arguments: { a: 1, b: 2 } })).toBe(true);
    expect(validate({ name: 'add', arguments: { a: 'one', b: 2 } })).toBe(false);
    expect(validate({ name: 'delete_everything', arguments: {} })).toBe(false);
    expect(validate({ text: 'Hi', name: 'add' })).toBe(false);
    expect(validate('plain text')).toBe(false);
  });

  it('keeps the call branches and shared definitions of toolCallJsonSchema, and is recognisable', () => {
    const calls = toolCallJsonSchema(tools);
    expect(schema.anyOf).toEqual([expect.objectContaining({ required: ['text'] }), ...(calls.anyOf as unknown[])]);
    expect(schema.$defs).toEqual(calls.$defs);
    expect(isTextOrCallSchema(schema)).toBe(true);
    expect(isTextOrCallSchema(calls)).toBe(false);
    expect(textOrCallJsonSchema([tools[0]!]).anyOf).toHaveLength(2);
  });
});
