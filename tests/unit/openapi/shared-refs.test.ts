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

async function importTime(levels: number, width: number): Promise<{ ms: number; size: number }> {
  const started = performance.now();
  const result = await importOpenApiTools(sharedRefDocument(levels, width));
  const ms = performance.now() - started;
  return { ms, size: JSON.stringify(result.tools[0]!.manifest.parameters).length };
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

  it('grows linearly with the number of levels (time at 4n <= 6x time at n)', async () => {
    // One import at a time (concurrent imports would share the clock), best of five, after a warm-up.
    const best = async (levels: number): Promise<{ ms: number; size: number }> => {
      const runs: { ms: number; size: number }[] = [];
      for (let run = 0; run < 5; run += 1) runs.push(await importTime(levels, 10));
      return { ms: Math.min(...runs.map((entry) => entry.ms)), size: runs[0]!.size };
    };
    await importTime(8, 10);
    const small = await best(8);
    const large = await best(32);
    // Expanded in place, 8 levels x 10 properties would already be 10^8 subschemas.
    expect(large.ms).toBeLessThanOrEqual(Math.max(6 * small.ms, 30));
    expect(large.size).toBeLessThan(100_000);
  });
});
