import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TabagentError } from '../../../src/core/errors';
import { validateManifest } from '../../../src/tools/manifest';
import { buildRequest, importOpenApiTools, isOpenApiBinding, loadOpenApiDocument, toJsonSchema, type OpenApiBinding } from '../../../src/tools/openapi';

function spec30(paths: Record<string, unknown>, components: Record<string, unknown> = {}): object {
  return { openapi: '3.0.3', info: { title: 'Test', version: '1' }, servers: [{ url: 'https://api.example.com/v1' }], paths, components };
}

describe('OpenAPI schemas as JSON Schema', () => {
  it('rewrites 3.0 nullable and boolean exclusive bounds, and drops OpenAPI-only keywords', () => {
    const schema = toJsonSchema(
      {
        type: 'object',
        properties: {
          count: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false, nullable: true },
          kind: { type: 'string', enum: ['a', 'b'], nullable: true, example: 'a', xml: { name: 'k' }, 'x-internal': 1 },
        },
        discriminator: { propertyName: 'kind' },
      },
      '3.0',
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        count: { type: ['integer', 'null'], exclusiveMinimum: 0, maximum: 9 },
        kind: { type: ['string', 'null'], enum: ['a', 'b', null], examples: ['a'] },
      },
    });
  });

  it('keeps a recursive schema finite, and leaves unresolved external $refs open', () => {
    const node: Record<string, unknown> = { type: 'object', properties: { name: { type: 'string' } } };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    const schema = toJsonSchema({ ...node, properties: { ...(node.properties as object), other: { $ref: 'other.yaml#/X' } } }, '3.1');
    const text = JSON.stringify(schema);
    expect(text.length).toBeLessThan(2000);
    expect(text).not.toContain('$ref');
    expect((schema.properties as Record<string, unknown>).other).toEqual({});
  });

  it('leaves readOnly properties out of request schemas and their required list', () => {
    const schema = toJsonSchema(
      { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' } } },
      '3.0',
      { request: true },
    );
    expect(schema).toEqual({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } });
  });

  it('keeps a property called __proto__ as an ordinary property', () => {
    const parsed = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}') as object;
    const schema = toJsonSchema(parsed, '3.1');
    expect(Object.keys(schema.properties as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});

describe('reading documents', () => {
  it('rejects what is not OpenAPI, naming what it found', async () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['{ "hello": 1 }', /neither an "openapi" nor/],
      ['openapi: 4.0.0\npaths: {}', /OpenAPI 4.0.0 is not supported/],
      ['openapi: 3.0.0\ninfo: [unclosed', /neither JSON nor YAML/],
      ['openapi: 3.0.0\ninfo: {title: t, version: "1"}', /no "paths"/],
    ];
    for (const [text, message] of cases) {
      await expect(loadOpenApiDocument(text)).rejects.toSatisfy((error) => TabagentError.is(error) && error.code === 'invalid-manifest' && message.test(error.message));
    }
  });

  it('refuses a YAML alias bomb instead of expanding it', async () => {
    const lines = ['openapi: 3.0.0', 'info: {title: t, version: "1"}', 'paths: {}', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 12; level += 1) {
      lines.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    }
    await expect(loadOpenApiDocument(lines.join('\n'))).rejects.toSatisfy((error) => TabagentError.is(error));
  });

  it('does not fetch external references', async () => {
    const document = spec30({ '/a': { get: { parameters: [{ $ref: 'http://127.0.0.1:9/params.json#/p' }], responses: {} } } });
    const imported = await importOpenApiTools(document);
    expect(imported.tools[0]?.manifest.parameters).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });

  it('never changes the object it is given', async () => {
    const document = spec30({ '/pets/{id}': { get: { parameters: [{ $ref: '#/components/parameters/Id' }], responses: {} } } }, { parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } } });
    const before = JSON.stringify(document);
    const imported = await importOpenApiTools(document);
    expect(JSON.stringify(document)).toBe(before);
    expect(imported.tools[0]?.manifest.parameters.required).toEqual(['id']);
  });

  it('names operations without an operationId from method and path, unique against taken names', async () => {
    const document = spec30({
      '/pets/{id}': { get: { responses: {} }, delete: { responses: {} } },
      '/pets': { get: { operationId: 'list pets!', responses: {} }, post: { operationId: 'list pets!', responses: {} } },
    });
    const imported = await importOpenApiTools(document, { takenNames: ['get_pets_id'], prefix: '' });
    expect(imported.tools.map((tool) => tool.manifest.name)).toEqual(['get_pets_id_2', 'delete_pets_id', 'list_pets', 'list_pets_2']);
    // Undeclared path placeholders still become required arguments.
    expect(imported.tools[0]?.manifest.parameters.required).toEqual(['id']);
    for (const tool of imported.tools) expect(() => validateManifest(tool.manifest)).not.toThrow();
  });
});

describe('building requests', () => {
  const base: OpenApiBinding = { method: 'get', path: '/items/{id}', serverUrl: 'https://api.example.com/v1', parameters: [], security: [[]] };

  it('writes path, query and header parameters in their OpenAPI styles', () => {
    const binding: OpenApiBinding = {
      ...base,
      path: '/items/{id}/{label}/{matrix}',
      parameters: [
        { argument: 'id', name: 'id', in: 'path', style: 'simple', explode: false },
        { argument: 'label', name: 'label', in: 'path', style: 'label', explode: false },
        { argument: 'matrix', name: 'matrix', in: 'path', style: 'matrix', explode: true },
        { argument: 'filter', name: 'filter', in: 'query', style: 'deepObject', explode: true },
        { argument: 'ids', name: 'ids', in: 'query', style: 'pipeDelimited', explode: false },
        { argument: 'csv', name: 'csv', in: 'query', style: 'form', explode: false },
        { argument: 'next', name: 'next', in: 'query', style: 'form', explode: true, allowReserved: true },
        { argument: 'trace', name: 'X-Trace', in: 'header', style: 'simple', explode: false },
      ],
    };
    const request = buildRequest(binding, {
      id: 'a/b',
      label: ['x', 'y'],
      matrix: ['m', 'n'],
      filter: { color: 'red', size: 2 },
      ids: [1, 2],
      csv: ['a', 'b'],
      next: '/page?2',
      trace: ['t1', 't2'],
    });
    expect(request.url.href).toBe(
      'https://api.example.com/v1/items/a%2Fb/.x,y/;matrix=m;matrix=n?filter[color]=red&filter[size]=2&ids=1%7C2&csv=a,b&next=/page?2',
    );
    expect(request.headers.get('X-Trace')).toBe('t1,t2');
  });

  it('never leaves the server origin or its path, whatever the arguments', () => {
    const binding: OpenApiBinding = { ...base, parameters: [{ argument: 'id', name: 'id', in: 'path', style: 'simple', explode: false }] };
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (id) => {
        try {
          const request = buildRequest(binding, { id });
          expect(request.url.origin).toBe('https://api.example.com');
          expect(request.url.pathname.startsWith('/v1/items/')).toBe(true);
        } catch (error) {
          expect(TabagentError.is(error) && error.code).toBe('invalid-arguments');
        }
      }),
      { numRuns: 3000 },
    );
    for (const id of ['..', '.', '%2e%2e']) {
      if (id === '%2e%2e') {
        // Percent signs are encoded, so this is the literal text, not a dot-dot segment.
        expect(buildRequest(binding, { id }).url.pathname).toBe('/v1/items/%252e%252e');
      } else {
        expect(() => buildRequest(binding, { id })).toThrow(/may not be/);
      }
    }
  });

  it('refuses line breaks in header values', () => {
    const binding: OpenApiBinding = { ...base, path: '/x', parameters: [{ argument: 'h', name: 'X-H', in: 'header', style: 'simple', explode: false }] };
    expect(() => buildRequest(binding, { h: 'a\r\nInjected: yes' })).toThrow(/line breaks/);
  });

  it('accepts a stored binding only when it calls one of the tool’s origins', () => {
    expect(isOpenApiBinding(base, ['https://api.example.com'])).toBe(true);
    expect(isOpenApiBinding(base, ['https://other.example.com'])).toBe(false);
    expect(isOpenApiBinding({ ...base, method: 'connect' }, ['https://api.example.com'])).toBe(false);
    expect(isOpenApiBinding({ ...base, serverUrl: 'javascript:alert(1)' }, ['https://api.example.com'])).toBe(false);
  });
});
