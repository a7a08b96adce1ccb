import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { isSafeToolName, manifestToJson, toDefinition, validateManifest, type ToolManifest } from '../../../src/tools/manifest';

const good: ToolManifest = {
  name: 'calc',
  description: 'Adds numbers.',
  kind: 'builtin',
  sideEffects: false,
  allowedOrigins: [],
  parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
};

function rejection(value: unknown): TabagentError {
  try {
    validateManifest(value);
  } catch (error) {
    if (TabagentError.is(error)) return error;
    throw error;
  }
  throw new Error('manifest was accepted');
}

describe('validateManifest: good manifests', () => {
  it('accepts a minimal manifest and returns a detached copy', () => {
    const input = structuredClone(good);
    const manifest = validateManifest(input);
    expect(manifest).toEqual(good);
    input.parameters.type = 'array';
    (input.allowedOrigins as string[]).push('https://evil.example');
    expect(manifest.parameters.type).toBe('object');
    expect(manifest.allowedOrigins).toEqual([]);
  });

  it('accepts every optional field', () => {
    const full: ToolManifest = {
      ...good,
      name: 'weather-now_2',
      kind: 'http',
      sideEffects: true,
      allowedOrigins: ['https://api.example.com', 'http://localhost:8000'],
      secrets: [{ name: 'WEATHER_API_KEY', description: 'Key for the weather API' }],
      examples: [{ query: 'What is 2 + 2?', arguments: { expression: '2 + 2' } }],
      version: '2.1.0',
    };
    expect(validateManifest(full)).toEqual(full);
  });

  it('accepts each kind', () => {
    for (const kind of ['builtin', 'http', 'openapi', 'mcp', 'model-api', 'sandbox'] as const) {
      expect(validateManifest({ ...good, kind }).kind).toBe(kind);
    }
  });

  it('accepts real-world parameter schemas: $defs and $ref, formats, draft-07 from MCP servers', () => {
    const withRefs = {
      type: 'object',
      properties: { where: { $ref: '#/$defs/place' }, email: { type: 'string', format: 'email' } },
      $defs: { place: { type: 'object', properties: { city: { type: 'string' } } } },
      'x-vendor-extension': true,
    };
    expect(validateManifest({ ...good, parameters: withRefs }).parameters).toEqual(withRefs);
    const draft07 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] } },
      additionalProperties: false,
    };
    expect(validateManifest({ ...good, parameters: draft07 }).parameters).toEqual(draft07);
  });

  it('keeps a "__proto__" property name in parameters as plain data', () => {
    const parameters = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}') as Record<string, unknown>;
    const manifest = validateManifest({ ...good, parameters });
    const properties = manifest.parameters.properties as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
  });
});

describe('validateManifest: each bad field is named with the reason', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', null, /\(manifest\): must be object/],
    ['missing description', { ...good, description: undefined }, /description: is required/],
    ['empty description', { ...good, description: '' }, /description: must NOT have fewer than 1 characters/],
    ['bad name pattern', { ...good, name: '1calc' }, /name: must match pattern/],
    ['name with spaces', { ...good, name: 'my tool' }, /name: must match pattern/],
    ['name too long', { ...good, name: 'a'.repeat(65) }, /name: must match pattern/],
    ['unknown kind', { ...good, kind: 'plugin' }, /kind: must be one of "builtin", "http", "openapi", "mcp", "model-api", "sandbox"/],
    ['sideEffects not boolean', { ...good, sideEffects: 'yes' }, /sideEffects: must be boolean/],
    ['missing sideEffects', { ...good, sideEffects: undefined }, /sideEffects: is required/],
    ['parameters not an object schema', { ...good, parameters: { type: 'array' } }, /parameters\.type: must be "object"/],
    ['parameters without type', { ...good, parameters: { properties: {} } }, /parameters\.type: is required/],
    [
      'parameter with a bad type',
      { ...good, parameters: { type: 'object', properties: { expression: { type: 'strnig' } } } },
      /parameters\.properties\.expression\.type: must be one of "array", "boolean", "integer", "null", "number", "object", "string"/,
    ],
    ['negative minProperties', { ...good, parameters: { type: 'object', minProperties: -1 } }, /parameters\.minProperties: must be >= 0/],
    ['unresolvable $ref', { ...good, parameters: { type: 'object', properties: { a: { $ref: '#/$defs/nope' } } } }, /parameters: can't resolve reference/],
    ['broken regex', { ...good, parameters: { type: 'object', properties: { a: { type: 'string', pattern: '([' } } } }, /parameters.*regular expression/i],
    [
      'unsupported dialect',
      { ...good, parameters: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' } },
      /parameters\.\$schema: must be JSON Schema 2020-12 or draft-07/,
    ],
    ['origin with a path', { ...good, allowedOrigins: ['https://api.example.com/v1'] }, /allowedOrigins\[0\]: "https:\/\/api\.example\.com\/v1" is not an http\(s\) origin/],
    ['non-http origin', { ...good, allowedOrigins: ['ftp://files.example.com'] }, /allowedOrigins\[0\]: .* is not an http\(s\) origin/],
    ['upper-case origin', { ...good, allowedOrigins: ['https://API.example.com'] }, /allowedOrigins\[0\]/],
    ['trailing slash', { ...good, allowedOrigins: ['https://api.example.com/'] }, /allowedOrigins\[0\]/],
    ['wildcard origin', { ...good, allowedOrigins: ['*'] }, /allowedOrigins\[0\]/],
    ['credentials in origin', { ...good, allowedOrigins: ['https://user:pw@api.example.com'] }, /allowedOrigins\[0\]/],
    ['origin not a string', { ...good, allowedOrigins: [42] }, /allowedOrigins\[0\]: must be string/],
    ['duplicate origins', { ...good, allowedOrigins: ['https://a.example', 'https://a.example'] }, /allowedOrigins: must NOT have duplicate items/],
    ['secret with a value', { ...good, secrets: [{ name: 'KEY', description: 'k', value: 'sk-live-123' }] }, /secrets\[0\]\.value: is not a known manifest field/],
    ['secret without description', { ...good, secrets: [{ name: 'KEY' }] }, /secrets\[0\]\.description: is required/],
    ['example without arguments', { ...good, examples: [{ query: 'q' }] }, /examples\[0\]\.arguments: is required/],
    ['empty version', { ...good, version: '' }, /version: must NOT have fewer than 1 characters/],
    [
      'example its own schema rejects',
      { ...good, examples: [{ query: 'one plus one', arguments: { expression: 2 } }] },
      /examples\[0\]\.arguments: \/expression must be string/,
    ],
    ['unknown field (typo)', { ...good, side_effects: true }, /side_effects: is not a known manifest field/],
  ];

  it.each(cases)('%s', (_label, value, expected) => {
    const error = rejection(value);
    expect(error.code).toBe('invalid-manifest');
    expect(error.message).toMatch(expected);
    expect(Array.isArray(error.data.problems)).toBe(true);
  });

  it('reports several problems at once', () => {
    const error = rejection({ name: 'x' });
    for (const field of ['description', 'parameters', 'kind', 'sideEffects', 'allowedOrigins']) {
      expect(error.message).toContain(`${field}: is required`);
    }
  });

  it('does not hide a bad origin behind another field', () => {
    const error = rejection({ ...good, kind: 'nope', allowedOrigins: ['https://x.example/path'] });
    expect(error.message).toMatch(/kind:/);
    expect(error.message).toMatch(/allowedOrigins\[0\]/);
  });

  it('refuses a manifest holding something that is not JSON data', () => {
    const error = rejection({ ...good, parameters: { type: 'object', default: () => 1 } });
    expect(error.code).toBe('invalid-manifest');
  });
});

describe('hostile names', () => {
  const hostile = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];

  it.each(hostile)('rejects %s', (name) => {
    const error = rejection({ ...good, name });
    expect(error.code).toBe('invalid-manifest');
    expect(error.message).toContain(`name: "${name}" is reserved`);
    expect(isSafeToolName(name)).toBe(false);
  });

  it('rejects a "__proto__" key smuggled in through JSON', () => {
    const value = JSON.parse(`{"name":"calc","description":"d","kind":"builtin","sideEffects":false,"allowedOrigins":[],
      "parameters":{"type":"object"},"__proto__":{"sideEffects":true}}`) as unknown;
    expect(rejection(value).message).toContain('__proto__: is not a known manifest field');
    expect(({} as Record<string, unknown>).sideEffects).toBeUndefined();
  });

  it('accepts ordinary names', () => {
    for (const name of ['calculator', 'current_time', 'get-weather', '_private', 'A1']) expect(isSafeToolName(name)).toBe(true);
    expect(isSafeToolName(42)).toBe(false);
  });
});

describe('toDefinition and manifestToJson', () => {
  it('gives the OpenAI function shape', () => {
    expect(toDefinition(good)).toEqual({ name: 'calc', description: 'Adds numbers.', parameters: good.parameters });
  });

  it('writes stable JSON that reads back as the same manifest', () => {
    const text = manifestToJson({ ...good, version: '1.0.0' });
    expect(text.endsWith('}\n')).toBe(true);
    expect(validateManifest(JSON.parse(text))).toEqual({ ...good, version: '1.0.0' });
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['name', 'description', 'kind', 'sideEffects', 'allowedOrigins', 'version', 'parameters']);
  });
});
