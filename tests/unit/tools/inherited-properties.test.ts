import { describe, expect, it } from 'vitest';
import { toolCallJsonSchema } from '../../../src/core/grammar';
import { buildRequest, importOpenApiTools } from '../../../src/tools/openapi';
import { ArgumentValidator } from '../../../src/tools/validator';

/** Names every plain object inherits from Object.prototype. */
const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

describe('validation looks at own properties only', () => {
  it('accepts a call that leaves out optional properties named like inherited members', () => {
    const properties = Object.fromEntries(INHERITED.map((name) => [name, { type: 'string' }]));
    const schema = { type: 'object', properties, additionalProperties: false };
    const validator = new ArgumentValidator();
    expect(validator.validate('t', schema, {})).toEqual({ ok: true });
    expect(validator.validate('t', schema, { constructor: 'x', toString: 'y' })).toEqual({ ok: true });
    expect(validator.validate('t', schema, { constructor: 5 })).toEqual({ ok: false, message: 'Invalid arguments for t: /constructor must be string' });
  });

  it('still reports a required property named `constructor` that is missing', () => {
    const schema = { type: 'object', properties: { constructor: { type: 'string' } }, required: ['constructor'] };
    expect(new ArgumentValidator().validate('t', schema, {})).toEqual({
      ok: false,
      message: 'Invalid arguments for t: missing required property "constructor"',
    });
  });

  it('runs an OpenAPI operation with an optional query parameter called `constructor` when it is left out', async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 'Inherited', version: '1' },
      servers: [{ url: 'https://api.inherited.example' }],
      paths: {
        '/search': {
          get: {
            operationId: 'search',
            parameters: [
              { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
              { name: 'constructor', in: 'query', schema: { type: 'string' } },
              { name: 'toString', in: 'query', schema: { type: 'string' } },
            ],
          },
        },
      },
    };
    const { tools } = await importOpenApiTools(document);
    const tool = tools[0]!;
    expect(new ArgumentValidator().validate(tool.manifest.name, tool.manifest.parameters, { q: 'cats' })).toEqual({ ok: true });
    const request = buildRequest(tool.binding, { q: 'cats' });
    expect(String(request.url)).toBe('https://api.inherited.example/search?q=cats');
    // The grammar builder sees the same own properties.
    const schema = JSON.stringify(toolCallJsonSchema([{ name: tool.manifest.name, description: '', parameters: tool.manifest.parameters }]));
    expect(schema).toContain('"constructor"');
  });
});
