import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import { createToolExecutor } from '../../../src/tools/executor';
import { McpServerManager } from '../../../src/tools/mcp/mcp-server-manager';
import { createMemoryServerStore } from '../../../src/tools/mcp/server-store';
import { registerBuiltins } from '../../../src/tools/builtins';
import { ToolRegistry } from '../../../src/tools/registry';
import { startEverythingServer, type EverythingServer } from '../../support/mcp-everything';
import { createScriptedEngine, textChunks, toolCallChunks } from '../../support/scripted-engine';

/** The real MCP reference server, started by the test, through our client, registry, executor and agent loop. */
describe('MCP against @modelcontextprotocol/server-everything', { timeout: 90_000 }, () => {
  let streamable: EverythingServer;
  let sse: EverythingServer;

  beforeAll(async () => {
    [streamable, sse] = await Promise.all([startEverythingServer('streamableHttp'), startEverythingServer('sse')]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([streamable?.close(), sse?.close()]);
  });

  it('its tools join the registry, and the agent loop calls echo and get-sum through our client', async () => {
    const registry = new ToolRegistry();
    registerBuiltins(registry);
    const manager = new McpServerManager({ registry, store: createMemoryServerStore() });
    try {
      const status = await manager.add({ url: streamable.url });
      expect(status).toMatchObject({ state: 'connected', transport: 'streamable-http', name: 'everything' });
      expect(status.tools).toEqual(expect.arrayContaining(['everything__echo', 'everything__get-sum', 'everything__trigger-long-running-operation']));
      expect(status.resources.length).toBeGreaterThan(0);
      expect(status.prompts.length).toBeGreaterThan(0);
      const echo = registry.get('everything__echo')!.manifest;
      expect(echo).toMatchObject({ kind: 'mcp', sideEffects: false, allowedOrigins: [new URL(streamable.url).origin] });
      // gzip-file-as-resource is not marked read-only: it needs approval.
      expect(registry.get('everything__gzip-file-as-resource')?.manifest.sideEffects).toBe(true);

      const engine = createScriptedEngine([
        (request) => {
          expect(request.tools?.map((tool) => tool.name)).toEqual(expect.arrayContaining(['everything__echo', 'everything__get-sum', 'calculator']));
          return toolCallChunks([
            { id: 'call_echo', name: 'everything__echo', arguments: { message: 'hello from Tabagent' } },
            { id: 'call_sum', name: 'everything__get-sum', arguments: { a: 19, b: 23 } },
          ]);
        },
        textChunks('The server echoed and the sum is 42.'),
      ]);
      const events: AgentEvent[] = [];
      for await (const event of runAgent({
        engine,
        tools: createToolExecutor(registry),
        toolMode: 'native',
        messages: [{ role: 'user', content: 'Echo a greeting and add 19 and 23.' }],
      })) {
        events.push(event);
      }
      const results = events.flatMap((event) => (event.type === 'tool-result' ? [[event.call.name, event.result.content, event.result.isError]] : []));
      expect(results).toEqual([
        ['everything__echo', 'Echo: hello from Tabagent', false],
        ['everything__get-sum', 'The sum of 19 and 23 is 42.', false],
      ]);
      // The model saw both results in its next request.
      const second = JSON.stringify(engine.requests[1]?.messages);
      expect(second).toContain('Echo: hello from Tabagent');
      expect(second).toContain('The sum of 19 and 23 is 42.');
      expect(events.at(-1)?.type).toBe('finish');
    } finally {
      await manager.close();
    }
  });

  it('falls back to the older HTTP+SSE transport', async () => {
    const registry = new ToolRegistry();
    const manager = new McpServerManager({ registry, store: createMemoryServerStore() });
    try {
      const status = await manager.add({ url: sse.url });
      expect(status.transport).toBe('sse');
      const result = await createToolExecutor(registry).execute({ id: 'c1', name: 'everything__get-sum', arguments: { a: 2, b: 3 } });
      expect(result).toMatchObject({ isError: false, content: 'The sum of 2 and 3 is 5.' });
    } finally {
      await manager.close();
    }
  });

  it('reports the long-running operation’s progress', async () => {
    const registry = new ToolRegistry();
    const manager = new McpServerManager({ registry, store: createMemoryServerStore() });
    try {
      await manager.add({ url: streamable.url });
      const reports: Array<[number, number | undefined]> = [];
      manager.onProgress((progress) => reports.push([progress.progress, progress.total]));
      const result = await createToolExecutor(registry).execute({
        id: 'c1',
        name: 'everything__trigger-long-running-operation',
        arguments: { duration: 0.3, steps: 3 },
      });
      expect(result.isError).toBe(false);
      expect(result.content).toContain('Steps: 3');
      expect(reports).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
    } finally {
      await manager.close();
    }
  });

  it('the progress reaches the agent loop as tool-call-progress events, before the call’s result', async () => {
    const registry = new ToolRegistry();
    const manager = new McpServerManager({ registry, store: createMemoryServerStore() });
    try {
      await manager.add({ url: streamable.url });
      const engine = createScriptedEngine([
        toolCallChunks([{ id: 'call_long', name: 'everything__trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } }]),
        textChunks('Done.'),
      ]);
      const seen: string[] = [];
      for await (const event of runAgent({
        engine,
        tools: createToolExecutor(registry),
        toolMode: 'native',
        // The operation is not marked read-only: the person allows it.
        approve: async () => 'allow',
        messages: [{ role: 'user', content: 'Run the long operation.' }],
      })) {
        if (event.type === 'tool-call-progress') seen.push(`${event.call.id} ${event.progress.progress}/${event.progress.total ?? '?'}`);
        if (event.type === 'tool-result') seen.push(`result ${event.call.id}`);
      }
      expect(seen).toEqual(['call_long 1/3', 'call_long 2/3', 'call_long 3/3', 'result call_long']);
    } finally {
      await manager.close();
    }
  });
});
