import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { parseMcpServersJson } from '../../../src/tools/mcp/import-mcp-servers';

describe('parseMcpServersJson', () => {
  it('reads Claude Desktop / Cursor mcpServers: url, http and sse entries with headers', () => {
    const result = parseMcpServersJson(
      JSON.stringify({
        mcpServers: {
          docs: { url: 'https://docs.example.com/mcp' },
          github: { type: 'http', url: 'https://api.example.com/mcp/', headers: { Authorization: 'Bearer ghp_secret' } },
          legacy: { type: 'sse', url: 'http://127.0.0.1:3001/sse' },
        },
      }),
    );
    expect(result.refused).toEqual([]);
    expect(result.servers).toEqual([
      { name: 'docs', url: 'https://docs.example.com/mcp', transport: 'streamable-http', headers: {} },
      { name: 'github', url: 'https://api.example.com/mcp/', transport: 'streamable-http', headers: { Authorization: 'Bearer ghp_secret' } },
      { name: 'legacy', url: 'http://127.0.0.1:3001/sse', transport: 'sse', headers: {} },
    ]);
  });

  it("reads VS Code's servers object (a whole settings file) and Windsurf's serverUrl", () => {
    const result = parseMcpServersJson(
      JSON.stringify({ inputs: [], servers: { remote: { type: 'http', url: 'https://remote.example/mcp' }, wind: { serverUrl: 'https://wind.example/mcp' } } }),
    );
    expect(result.servers.map((server) => [server.name, server.url])).toEqual([
      ['remote', 'https://remote.example/mcp'],
      ['wind', 'https://wind.example/mcp'],
    ]);
  });

  it('refuses stdio entries (command/args or type stdio) with an explanation, and keeps the remote ones', () => {
    const result = parseMcpServersJson(
      JSON.stringify({
        mcpServers: {
          files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
          typed: { type: 'stdio', command: 'python', args: ['server.py'] },
          web: { url: 'https://web.example/mcp' },
        },
      }),
    );
    expect(result.servers.map((server) => server.name)).toEqual(['web']);
    expect(result.refused.map((entry) => entry.name)).toEqual(['files', 'typed']);
    for (const entry of result.refused) expect(entry.reason).toMatch(/browser tab cannot.*HTTP bridge/s);
  });

  it('refuses entries it cannot use: non-http URLs, unknown types, variables in headers, bad header names', () => {
    const result = parseMcpServersJson(
      JSON.stringify({
        mcpServers: {
          ftp: { url: 'ftp://example.com/mcp' },
          ws: { type: 'websocket', url: 'https://example.com/ws' },
          vscode: { type: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer ${input:token}' } },
          header: { url: 'https://example.com/mcp', headers: { 'Bad Header': 'x' } },
          empty: {},
        },
      }),
    );
    expect(result.servers).toEqual([]);
    expect(result.refused.map((entry) => entry.name)).toEqual(['ftp', 'ws', 'vscode', 'header', 'empty']);
  });

  it.each([
    ['not JSON', '{ "mcpServers": { "a": ', /not valid JSON/],
    ['no mcpServers', '{ "other": {} }', /no "mcpServers"/],
    ['an array', '[1, 2]', /no "mcpServers"/],
    ['no servers', '{ "mcpServers": {} }', /lists no servers/],
  ])('bad input (%s) is a config error saying what to paste', (_label, text, message) => {
    expect(() => parseMcpServersJson(text)).toThrow(message);
    try {
      parseMcpServersJson(text);
    } catch (error) {
      expect(TabagentError.is(error) && error.code).toBe('config');
    }
  });
});
