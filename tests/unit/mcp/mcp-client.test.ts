import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { createToolExecutor } from '../../../src/tools/executor';
import { McpConnection } from '../../../src/tools/mcp/mcp-connection';
import { McpServerManager, type McpToolProgress } from '../../../src/tools/mcp/mcp-server-manager';
import { createServerFetch } from '../../../src/tools/mcp/server-fetch';
import { createMemoryServerStore } from '../../../src/tools/mcp/server-store';
import { ToolRegistry } from '../../../src/tools/registry';
import type { ResolveSecret } from '../../../src/tools/secrets';
import { startMcpTestServer, type McpTestServer } from '../../support/mcp-test-server';

const servers: McpTestServer[] = [];
const connections: McpConnection[] = [];
const managers: McpServerManager[] = [];

async function server(options: Parameters<typeof startMcpTestServer>[0] = {}): Promise<McpTestServer> {
  const started = await startMcpTestServer(options);
  servers.push(started);
  return started;
}

async function connect(url: string, options: Parameters<typeof McpConnection.connect>[1] = {}): Promise<McpConnection> {
  const connection = await McpConnection.connect(url, options);
  connections.push(connection);
  return connection;
}

function manager(registry: ToolRegistry, options: Partial<ConstructorParameters<typeof McpServerManager>[0]> = {}) {
  const store = createMemoryServerStore();
  let id = 0;
  const created = new McpServerManager({ registry, store, createId: () => `server-${(id += 1)}`, ...options });
  managers.push(created);
  return { manager: created, store };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((created) => created.close()));
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
  await Promise.all(servers.splice(0).map((started) => started.close()));
});

describe('McpConnection (Streamable HTTP, against an SDK server)', { timeout: 30_000 }, () => {
  it('lists tools, resources and prompts across every page', async () => {
    const test = await server({ extraTools: 7, pageSize: 3, resources: 5, prompts: 4 });
    const connection = await connect(test.url);
    expect(connection.transport).toBe('streamable-http');
    expect(connection.serverInfo?.name).toBe('tests/paged-server');
    const tools = await connection.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['echo', 'slow', ...Array.from({ length: 7 }, (_, index) => `tool.${index}`)]);
    expect(test.listCursors).toEqual([undefined, 'page-3', 'page-6']);
    expect((await connection.listResources()).map((resource) => resource.uri)).toHaveLength(5);
    expect((await connection.listPrompts()).map((prompt) => prompt.name)).toEqual(['prompt_0', 'prompt_1', 'prompt_2', 'prompt_3']);
  });

  it('reports progress and cancels on the server when the signal aborts', async () => {
    const test = await server();
    const connection = await connect(test.url);
    const seen: number[] = [];
    const done = await connection.callTool('slow', { steps: 3 }, { onProgress: (progress) => seen.push(progress.progress) });
    expect(done.content).toEqual([{ type: 'text', text: 'done after 3 steps' }]);
    expect(seen).toEqual([1, 2, 3]);

    const controller = new AbortController();
    const call = connection.callTool('slow', { steps: 200 }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(call).rejects.toSatisfy((error) => TabagentError.is(error) && error.code === 'aborted');
    await until(() => test.cancelled.length === 1);
    // The connection still works after a cancelled call.
    const echo = await connection.callTool('echo', { message: 'still here' });
    expect(echo.content).toEqual([{ type: 'text', text: 'echo: still here' }]);
  });

  it('sends auth headers resolved from secret ids, only to the server origin', async () => {
    const test = await server({ requireHeader: { name: 'X-Api-Key', value: 'canary-123' } });
    const asked: Array<[string, string]> = [];
    const resolveSecret: ResolveSecret = async (id, origin) => {
      asked.push([id, origin]);
      return id === 'secret-1' ? 'canary-123' : undefined;
    };
    await expect(McpConnection.connect(test.url)).rejects.toSatisfy((error) => TabagentError.is(error) && error.code === 'auth');
    const connection = await connect(test.url, { headerSecrets: { 'X-Api-Key': 'secret-1' }, resolveSecret });
    expect((await connection.listTools()).length).toBeGreaterThan(0);
    expect(asked.every(([id, origin]) => id === 'secret-1' && origin === new URL(test.url).origin)).toBe(true);
    expect(test.requests.filter((request) => request.headers['x-api-key'] === 'canary-123').length).toBeGreaterThan(1);
  });

  it('refuses to connect when a secret is missing, instead of connecting without it', async () => {
    const test = await server();
    await expect(McpConnection.connect(test.url, { headerSecrets: { Authorization: 'gone' }, resolveSecret: async () => undefined })).rejects.toSatisfy(
      (error) => TabagentError.is(error) && error.code === 'config' && /Authorization/.test(error.message),
    );
    expect(test.requests).toHaveLength(0);
  });

  it('says what is wrong with a bad address', async () => {
    await expect(McpConnection.connect('not a url')).rejects.toSatisfy((error) => TabagentError.is(error) && error.code === 'config');
    await expect(McpConnection.connect('ftp://127.0.0.1/mcp')).rejects.toSatisfy((error) => TabagentError.is(error) && error.code === 'config');
    const test = await server();
    // 404 on both transports: Streamable HTTP, then the SSE fallback.
    await expect(McpConnection.connect(test.url.replace('/mcp', '/nothing'))).rejects.toSatisfy((error) => TabagentError.is(error));
    // Nothing listens here.
    await expect(McpConnection.connect('http://127.0.0.1:9/mcp')).rejects.toSatisfy((error) => TabagentError.is(error) && error.code === 'network');
  });
});

describe('createServerFetch', () => {
  it('refuses any origin but the server’s and never resolves secrets for it', async () => {
    const asked: string[] = [];
    const serverFetch = createServerFetch({
      origin: 'http://127.0.0.1:5555',
      headerSecrets: { Authorization: 'id' },
      resolveSecret: async (id) => {
        asked.push(id);
        return 'Bearer canary';
      },
      fetch: async () => new Response('ok'),
    });
    await expect(serverFetch('http://evil.example/steal')).rejects.toSatisfy((error) => TabagentError.is(error) && error.code === 'denied');
    expect(asked).toEqual([]);
    const sent: Headers[] = [];
    const recording = createServerFetch({
      origin: 'http://127.0.0.1:5555',
      headerSecrets: { Authorization: 'id' },
      resolveSecret: async () => 'Bearer canary',
      fetch: async (_input, init) => {
        sent.push(new Headers(init?.headers));
        return new Response('ok');
      },
    });
    await recording('http://127.0.0.1:5555/mcp', { headers: { Accept: 'application/json' } });
    expect(sent[0]?.get('authorization')).toBe('Bearer canary');
    expect(sent[0]?.get('accept')).toBe('application/json');
  });
});

describe('McpServerManager', { timeout: 30_000 }, () => {
  it('registers the server tools, follows list_changed, and removes them on disconnect', async () => {
    const test = await server({ extraTools: 2, pageSize: 2 });
    const registry = new ToolRegistry();
    const { manager: created, store } = manager(registry);
    const status = await created.add({ url: test.url });
    expect(status).toMatchObject({ state: 'connected', name: 'paged-server', transport: 'streamable-http' });
    expect(status.tools).toEqual(['paged-server__echo', 'paged-server__slow', 'paged-server__tool_0', 'paged-server__tool_1']);
    expect(registry.get('paged-server__echo')?.manifest.allowedOrigins).toEqual([new URL(test.url).origin]);
    expect([...store.saved.values()].map((config) => config.url)).toEqual([test.url]);

    await test.addTool({ name: 'late', description: 'Added later.', inputSchema: { type: 'object', properties: {} } });
    await until(() => registry.has('paged-server__late'));
    const echoEntry = registry.get('paged-server__echo');
    await test.removeTool('tool.0');
    await until(() => !registry.has('paged-server__tool_0'));
    // Unchanged tools keep their registry entry (an approval pending on them stays valid).
    expect(registry.get('paged-server__echo')).toBe(echoEntry);

    await created.disconnect(status.id);
    expect(registry.list().filter((manifest) => manifest.kind === 'mcp')).toEqual([]);
    expect(store.saved.get(status.id)?.enabled).toBe(false);
  });

  it('runs tools through the executor, with progress reported', async () => {
    const test = await server();
    const registry = new ToolRegistry();
    const { manager: created } = manager(registry);
    await created.add({ url: test.url });
    const progress: McpToolProgress[] = [];
    created.onProgress((report) => progress.push(report));
    const executor = createToolExecutor(registry);
    const echo = await executor.execute({ id: 'c1', name: 'paged-server__echo', arguments: { message: 'hello' } });
    expect(echo).toMatchObject({ isError: false, content: 'echo: hello' });
    const slow = await executor.execute({ id: 'c2', name: 'paged-server__slow', arguments: { steps: 2 } });
    expect(slow).toMatchObject({ isError: false, content: 'done after 2 steps' });
    expect(progress.map((report) => [report.tool, report.progress, report.total])).toEqual([
      ['paged-server__slow', 1, 2],
      ['paged-server__slow', 2, 2],
    ]);
    const invalid = await executor.execute({ id: 'c3', name: 'paged-server__echo', arguments: { message: 5 } });
    expect(invalid.isError).toBe(true);
    expect(invalid.error?.code).toBe('invalid-arguments');
  });

  it('stops a running call when the executor times out, cancelling it on the server', async () => {
    const test = await server();
    const registry = new ToolRegistry();
    const { manager: created } = manager(registry);
    await created.add({ url: test.url });
    const executor = createToolExecutor(registry, { timeoutMs: 300 });
    const result = await executor.execute({ id: 'c1', name: 'paged-server__slow', arguments: { steps: 200 } });
    expect(result.error?.code).toBe('timeout');
    await until(() => test.cancelled.length === 1);
  });

  it('reconnects saved servers on start and forgets removed ones', async () => {
    const test = await server();
    const first = new ToolRegistry();
    const { manager: adding, store } = manager(first);
    const status = await adding.add({ url: test.url, name: 'mine' });
    expect(status.tools).toContain('mine__echo');
    await adding.close();

    const second = new ToolRegistry();
    const restarted = new McpServerManager({ registry: second, store });
    managers.push(restarted);
    await restarted.start();
    expect(restarted.statuses()).toMatchObject([{ id: status.id, state: 'connected', name: 'mine' }]);
    expect(second.has('mine__echo')).toBe(true);

    await restarted.remove(status.id);
    expect(second.has('mine__echo')).toBe(false);
    expect(store.saved.size).toBe(0);
  });

  it('keeps names unique against tools already registered and saves nothing when connecting fails', async () => {
    const test = await server();
    const registry = new ToolRegistry();
    registry.register(
      { name: 'paged-server__echo', description: 'Someone else’s tool.', kind: 'builtin', sideEffects: false, allowedOrigins: [], parameters: { type: 'object', properties: {} } },
      async () => 'theirs',
    );
    const { manager: created, store } = manager(registry);
    const status = await created.add({ url: test.url });
    expect(status.tools).toContain('paged-server__echo_2');
    expect(registry.get('paged-server__echo')?.manifest.kind).toBe('builtin');
    await expect(created.add({ url: test.url })).rejects.toThrow(/already added/);
    await expect(created.add({ url: 'http://127.0.0.1:9/mcp' })).rejects.toSatisfy((error) => TabagentError.is(error));
    expect(store.saved.size).toBe(1);
    expect(created.statuses()).toHaveLength(1);
  });
});
