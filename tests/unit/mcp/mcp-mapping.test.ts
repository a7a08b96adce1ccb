import { describe, expect, it } from 'vitest';
import { withImages } from '../../../src/core/tool-runner';
import fc from 'fast-check';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { TabagentError } from '../../../src/core/errors';
import { isSafeToolName, validateManifest } from '../../../src/tools/manifest';
import { mcpInputSchema, mcpToolToManifest } from '../../../src/tools/mcp/mcp-manifest';
import { mcpResultValue } from '../../../src/tools/mcp/mcp-result';
import { collectPages } from '../../../src/tools/mcp/pagination';
import { sanitizeToolName, uniqueToolName } from '../../../src/tools/tool-names';

const origin = 'http://127.0.0.1:3001';

describe('tool names from MCP servers and OpenAPI documents', () => {
  it('prefixes with the server label and keeps readable names', () => {
    expect(sanitizeToolName('echo', 'everything')).toBe('everything__echo');
    expect(sanitizeToolName('get-sum', 'everything')).toBe('everything__get-sum');
    expect(sanitizeToolName('files/read file', 'my server')).toBe('my_server__files_read_file');
    expect(sanitizeToolName('get /pet/{petId}')).toBe('get_pet_petId');
    expect(sanitizeToolName('123start')).toBe('_123start');
  });

  it('never yields a reserved or over-long name, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 40 }), (raw, prefix) => {
        expect(isSafeToolName(sanitizeToolName(raw, prefix))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(sanitizeToolName('constructor')).not.toBe('constructor');
    expect(isSafeToolName(sanitizeToolName('__proto__'))).toBe(true);
  });

  it('makes names unique against taken ones and within a batch, staying within 64 characters', () => {
    const taken = new Set(['calculator', 'x'.repeat(64)]);
    expect(uniqueToolName('calculator', taken)).toBe('calculator_2');
    expect(uniqueToolName('calculator', taken)).toBe('calculator_3');
    const long = uniqueToolName('x'.repeat(64), taken);
    expect(long).toHaveLength(64);
    expect(long.endsWith('_2')).toBe(true);
  });
});

describe('an MCP tool as a manifest', () => {
  const echo: Tool = {
    name: 'echo',
    description: 'Echoes back the input string',
    inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'], $schema: 'http://json-schema.org/draft-07/schema#' },
    annotations: { readOnlyHint: true },
  };

  it('keeps the schema, reaches only the server origin, and needs no approval when read-only', () => {
    const manifest = validateManifest(mcpToolToManifest(echo, { name: 'everything__echo', origin, serverName: 'everything' }));
    expect(manifest).toMatchObject({ name: 'everything__echo', kind: 'mcp', sideEffects: false, allowedOrigins: [origin] });
    expect(manifest.parameters).toMatchObject({ type: 'object', required: ['message'] });
    expect(manifest.description).toBe('Echoes back the input string (MCP server everything)');
  });

  it('asks approval unless the server says read-only (missing or false hints count as side effects)', () => {
    for (const annotations of [undefined, {}, { readOnlyHint: false }, { destructiveHint: false }]) {
      const tool: Tool = { ...echo, ...(annotations ? { annotations } : { annotations: undefined }) };
      expect(mcpToolToManifest(tool, { name: 'a', origin, serverName: 's' }).sideEffects).toBe(true);
    }
  });

  it('repairs schemas servers send: no type, no properties, an unknown dialect', () => {
    expect(mcpInputSchema(undefined)).toEqual({ type: 'object', properties: {} });
    expect(mcpInputSchema({ type: 'object' })).toEqual({ type: 'object', properties: {} });
    expect(mcpInputSchema({ $schema: 'http://json-schema.org/draft-04/schema#', properties: { a: { type: 'number' } } })).toEqual({
      type: 'object',
      properties: { a: { type: 'number' } },
    });
  });

  it('caps a long description from the server', () => {
    const manifest = mcpToolToManifest({ ...echo, description: 'x'.repeat(10_000) }, { name: 'a', origin, serverName: 's' });
    expect(manifest.description.length).toBeLessThan(2100);
  });
});

describe('an MCP result as the tool result', () => {
  it('joins text blocks and describes binary ones instead of inlining them', () => {
    const result: CallToolResult = {
      content: [
        { type: 'text', text: 'first' },
        { type: 'image', data: 'AAAA'.repeat(100), mimeType: 'image/png' },
        { type: 'resource_link', uri: 'test://x', name: 'x' },
        { type: 'resource', resource: { uri: 'test://y', text: 'inline text' } },
      ],
    };
    // The text describes the image; the image itself travels beside it (for the card and vision models).
    expect(mcpResultValue(result, 'tool')).toEqual(
      withImages('first\n\n[image image/png, 300 bytes]\n\n[resource x: test://x]\n\ninline text', [
        { mediaType: 'image/png', dataUrl: `data:image/png;base64,${'AAAA'.repeat(100)}`, name: 'image 2' },
      ]),
    );
  });

  it('prefers structured content', () => {
    const result: CallToolResult = { content: [{ type: 'text', text: '{"a":1}' }], structuredContent: { a: 1 } };
    expect(mcpResultValue(result, 'tool')).toEqual({ a: 1 });
  });

  it('turns isError into a tool-failed error carrying the server text', () => {
    const result: CallToolResult = { content: [{ type: 'text', text: 'disk full' }], isError: true };
    let caught: unknown;
    try {
      mcpResultValue(result, 'save');
    } catch (error) {
      caught = error;
    }
    expect(TabagentError.is(caught) && caught.code).toBe('tool-failed');
    expect((caught as Error).message).toContain('disk full');
  });
});

describe('collectPages', () => {
  it('follows cursors to the end', async () => {
    const pages = new Map<string | undefined, { items: number[]; nextCursor?: string }>([
      [undefined, { items: [1, 2], nextCursor: 'b' }],
      ['b', { items: [3], nextCursor: 'c' }],
      ['c', { items: [4] }],
    ]);
    expect(await collectPages(async (cursor) => pages.get(cursor)!, 'tools')).toEqual([1, 2, 3, 4]);
  });

  it('stops a server that repeats a cursor', async () => {
    await expect(collectPages(async () => ({ items: [1], nextCursor: 'same' }), 'tools')).rejects.toThrow(/repeated a page cursor/);
  });
});
