import { describe, expect, it } from 'vitest';
import { toolCallGrammar, toolCallJsonSchema } from '../../../src/core/grammar';
import { importOpenApiTools } from '../../../src/tools/openapi';
import { ArgumentValidator } from '../../../src/tools/validator';

/**
 * An OpenAPI document whose body schema has `levels` levels of `width` properties, each a `$ref`
 * to the next level: a few KB of text, `width ** levels` nodes if every reference were expanded.
 */
function sharedRefDocument(levels: number, width: number): object {
  const schemas: Record<string, unknown> = {};
  for (let level = 0; level < levels; level += 1) {
    const properties: Record<string, unknown> = {};
    for (let index = 0; index < width; index += 1) {
      properties[`p${index}`] = level === levels - 1 ? { type: 'string' } : { $ref: `#/components/schemas/L${level + 1}` };
    }
    schemas[`L${level}`] = { type: 'object', properties };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Shared', version: '1' },
    servers: [{ url: 'https://api.shared.example' }],
    paths: {
      '/things': {
        post: {
          operationId: 'make',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/L0' } } } },
          parameters: [{ name: 'tag', in: 'query', schema: { $ref: '#/components/schemas/L1' } }],
        },
      },
    },
    components: { schemas },
  };
}

describe('OpenAPI import: shared $refs stay shared', () => {
  it('imports 7 levels x 10 properties into a small schema the validator and the grammar builder accept', async () => {
    const result = await importOpenApiTools(sharedRefDocument(7, 10));
    const parameters = result.tools[0]!.manifest.parameters;
    const size = JSON.stringify(parameters).length;
    // Expanded in place this was about 260 MB; shared, each level is written once.
    expect(size).toBeLessThan(20_000);
    const validator = new ArgumentValidator();
    const deep = { p0: { p1: { p2: { p3: { p4: { p5: 'leaf' } } } } } };
    expect(validator.validate('make', parameters, { p0: deep, tag: { p0: {} } })).toEqual({ ok: true });
    const wrong = { p0: { p0: { p0: { p0: { p0: { p0: 5 } } } } } };
    expect(validator.validate('make', parameters, { p0: wrong })).toMatchObject({ ok: false, message: expect.stringContaining('/p0/p0/p0/p0/p0/p0/p0 must be string') });
    const tools = [{ name: 'make', description: '', parameters }];
    expect(toolCallGrammar(tools, { format: 'hermes', allowText: true }).length).toBeLessThan(200_000);
    expect(JSON.stringify(toolCallJsonSchema(tools)).length).toBeLessThan(200_000);
  });

  it('stays small as the levels grow: each shared level is written once (expanded, 32 levels would be 10^32 subschemas)', async () => {
    const sizeAt = async (levels: number): Promise<number> => JSON.stringify((await importOpenApiTools(sharedRefDocument(levels, 10))).tools[0]!.manifest.parameters).length;
    const small = await sizeAt(8);
    const large = await sizeAt(32);
    // Linear in the levels: 4x the levels, about 4x the schema (timing is left to the growth checks' kind of test).
    expect(large).toBeLessThanOrEqual(5 * small);
    expect(large).toBeLessThan(100_000);
  });
});
