import { describe, expect, it } from 'vitest';
import { ArgumentValidator } from '../../../src/tools/validator';

const calculatorSchema = {
  type: 'object',
  properties: { expression: { type: 'string' } },
  required: ['expression'],
  additionalProperties: false,
};

describe('ArgumentValidator', () => {
  it('accepts valid arguments', () => {
    expect(new ArgumentValidator().validate('calculator', calculatorSchema, { expression: '1+1' })).toEqual({ ok: true });
  });

  it('names the field and the reason for a wrong type', () => {
    const outcome = new ArgumentValidator().validate('calculator', calculatorSchema, { expression: 5 });
    expect(outcome).toEqual({ ok: false, message: 'Invalid arguments for calculator: /expression must be string' });
  });

  it('says which required property is missing', () => {
    const outcome = new ArgumentValidator().validate('calculator', calculatorSchema, {});
    expect(outcome).toEqual({ ok: false, message: 'Invalid arguments for calculator: missing required property "expression"' });
  });

  it('reports every problem, in one readable message', () => {
    const schema = {
      type: 'object',
      properties: {
        expression: { type: 'string' },
        unit: { enum: ['metric', 'imperial'] },
        count: { type: 'integer', minimum: 1 },
        id: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        place: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        email: { type: 'string', format: 'email' },
      },
      required: ['expression'],
      additionalProperties: false,
    };
    const outcome = new ArgumentValidator().validate('tool', schema, {
      unit: 'kelvin',
      count: 0,
      id: true,
      place: {},
      email: 'not-an-email',
      extra: 1,
    });
    expect(outcome.ok).toBe(false);
    const message = outcome.ok ? '' : outcome.message;
    expect(message).toMatch(/^Invalid arguments for tool: /);
    expect(message).toContain('missing required property "expression"');
    expect(message).toContain('unexpected property "extra"');
    expect(message).toContain('/unit must be one of "metric", "imperial"');
    expect(message).toContain('/count must be >= 1');
    expect(message).toContain('/id must be string or must be number');
    expect(message).toContain('/place: missing required property "city"');
    expect(message).toContain('/email must match format "email"');
    expect(message).not.toContain('must match a schema in anyOf');
  });

  it('rejects arguments that are not an object', () => {
    const validator = new ArgumentValidator();
    for (const args of [null, [], 'x', 3]) {
      expect(validator.validate('calculator', calculatorSchema, args)).toEqual({
        ok: false,
        message: 'Invalid arguments for calculator: arguments must be object',
      });
    }
  });

  it('coerces nothing and fills in no defaults', () => {
    const schema = { type: 'object', properties: { n: { type: 'number', default: 3 }, flag: { type: 'boolean' } } };
    const args = { flag: 'true' };
    const outcome = new ArgumentValidator().validate('t', schema, args);
    expect(outcome).toEqual({ ok: false, message: 'Invalid arguments for t: /flag must be boolean' });
    expect(args).toEqual({ flag: 'true' });
    const empty = {};
    expect(new ArgumentValidator().validate('t', schema, empty)).toEqual({ ok: true });
    expect(empty).toEqual({});
  });

  it('validates frozen arguments', () => {
    const args = Object.freeze({ expression: '2' });
    expect(new ArgumentValidator().validate('calculator', calculatorSchema, args)).toEqual({ ok: true });
  });

  it('recompiles when a tool is registered again with another schema', () => {
    const validator = new ArgumentValidator();
    expect(validator.validate('t', { type: 'object', properties: { a: { type: 'string' } } }, { a: 1 }).ok).toBe(false);
    expect(validator.validate('t', { type: 'object', properties: { a: { type: 'number' } } }, { a: 1 }).ok).toBe(true);
  });

  it('keeps two tools whose schemas share an $id apart', () => {
    const validator = new ArgumentValidator();
    const first = { $id: 'https://example.com/args', type: 'object', properties: { a: { type: 'string' } } };
    const second = { $id: 'https://example.com/args', type: 'object', properties: { a: { type: 'number' } } };
    expect(validator.validate('one', first, { a: 'x' }).ok).toBe(true);
    expect(validator.validate('two', second, { a: 2 }).ok).toBe(true);
    expect(validator.validate('two', second, { a: 'x' }).ok).toBe(false);
  });

  it('reports an unusable schema instead of throwing', () => {
    const outcome = new ArgumentValidator().validate('t', { type: 'object', properties: { a: { $ref: '#/nowhere' } } }, {});
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.message).toMatch(/^Tool t has an unusable parameters schema/);
  });

  it('shortens very long lists of problems', () => {
    const properties = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`p${index}`, { type: 'string' }]));
    const schema = { type: 'object', properties, required: Object.keys(properties) };
    const outcome = new ArgumentValidator().validate('t', schema, {});
    expect(outcome.ok ? '' : outcome.message).toMatch(/; and 12 more$/);
  });
});
