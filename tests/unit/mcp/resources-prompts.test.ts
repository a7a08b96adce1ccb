import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import { createToolExecutor } from '../../../src/tools/executor';
import { McpServerManager } from '../../../src/tools/mcp/mcp-server-manager';
import { listSlashCommands, matchSlashCommands, usePrompt } from '../../../src/tools/mcp/prompts';
import { READ_RESOURCE_TOOL, registerReadResourceTool, ResourceAttachments } from '../../../src/tools/mcp/resources';
import { createMemoryServerStore } from '../../../src/tools/mcp/server-store';
import { ToolRegistry } from '../../../src/tools/registry';
import { startEverythingServer, type EverythingServer } from '../../support/mcp-everything';
import { createScriptedEngine, textChunks, toolCallChunks } from '../../support/scripted-engine';

/** Resources and prompts of the MCP reference server, through our client, the agent loop and the composer helpers. */
describe('MCP resources and prompts against server-everything', { timeout: 90_000 }, () => {
  let everything: EverythingServer;
  let manager: McpServerManager;
  let registry: ToolRegistry;
  let serverId: string;

  beforeAll(async () => {
    everything = await startEverythingServer('streamableHttp');
    registry = new ToolRegistry();
    manager = new McpServerManager({ registry, store: createMemoryServerStore() });
    serverId = (await manager.add({ url: everything.url })).id;
  }, 90_000);

  afterAll(async () => {
    await manager?.close();
    await everything?.close();
  });

  it('lists resources and templates and reads one', async () => {
    const connection = await manager.connection(serverId);
    const resources = await connection.listResources();
    expect(resources.length).toBeGreaterThan(0);
    const templates = await connection.listResourceTemplates();
    expect(templates.map((template) => template.uriTemplate)).toContain('demo://resource/dynamic/text/{resourceId}');
    const read = await connection.readResource('demo://resource/dynamic/text/1');
    expect(read.contents[0]).toMatchObject({ uri: 'demo://resource/dynamic/text/1', text: expect.stringContaining('Resource 1: This is a plaintext resource') });
  });

  it('an attached resource reaches the engine quoted as untrusted and citable, and an update re-reads it', async () => {
    const attachments = new ResourceAttachments(manager);
    try {
      const item = await attachments.attach(serverId, 'demo://resource/dynamic/text/7', 'Dynamic text 7');
      expect(item.text).toContain('Resource 7: This is a plaintext resource');

      const engine = createScriptedEngine([textChunks('It is a plaintext resource [1].')]);
      for await (const _event of runAgent({
        engine,
        tools: createToolExecutor(registry),
        toolMode: 'native',
        context: [attachments.contextProvider()],
        messages: [{ role: 'user', content: 'What does the attached resource say?' }],
      })) {
        // drain
      }
      const request = JSON.stringify(engine.requests[0]?.messages);
      expect(request).toContain('Resource 7: This is a plaintext resource');
      expect(request).toContain('trust=\\"untrusted\\"');
      expect(request).toMatch(/<resource id=\\"1\\" title=\\"Dynamic text 7 \(demo:\/\/resource\/dynamic\/text\/7/);
      expect(request).toContain('cite it as [n]');

      // The server sends notifications/resources/updated to subscribers when asked; the attachment is re-read.
      let refreshed = 0;
      attachments.subscribe(() => (refreshed += 1));
      const connection = await manager.connection(serverId);
      expect(connection.canSubscribe).toBe(true);
      const toggled = await connection.callTool('toggle-subscriber-updates', {});
      expect(JSON.stringify(toggled.content)).toContain('Started simulated resource updated notifications');
      await expect.poll(() => refreshed, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(attachments.list()[0]?.text).toContain('Resource 7');
    } finally {
      attachments.dispose();
      await attachments.clear();
    }
  });

  it('the agent reads a resource with the read_resource tool', async () => {
    const stop = registerReadResourceTool(registry, manager);
    try {
      expect(registry.get(READ_RESOURCE_TOOL)?.manifest).toMatchObject({ kind: 'mcp', sideEffects: false, allowedOrigins: [new URL(everything.url).origin] });
      const engine = createScriptedEngine([
        toolCallChunks([{ id: 'r1', name: READ_RESOURCE_TOOL, arguments: { server: 'everything', uri: 'demo://resource/dynamic/text/3' } }]),
        textChunks('Read it.'),
      ]);
      const events: AgentEvent[] = [];
      for await (const event of runAgent({ engine, tools: createToolExecutor(registry), toolMode: 'native', messages: [{ role: 'user', content: 'Read resource 3.' }] })) {
        events.push(event);
      }
      const result = events.find((event) => event.type === 'tool-result');
      expect(result?.type === 'tool-result' && result.result).toMatchObject({ isError: false, content: expect.stringContaining('Resource 3: This is a plaintext resource') });
    } finally {
      stop();
    }
    expect(registry.get(READ_RESOURCE_TOOL)).toBeUndefined();
  });

  it('prompts become slash commands; one with arguments fills the draft', async () => {
    const commands = await listSlashCommands(manager);
    expect(commands.map((command) => command.command)).toEqual(expect.arrayContaining(['everything:simple-prompt', 'everything:args-prompt']));
    expect(matchSlashCommands(commands, '/everything:args').map((command) => command.prompt)).toEqual(['args-prompt']);
    expect(matchSlashCommands(commands, '/args')[0]?.prompt).toBe('args-prompt');
    expect(matchSlashCommands(commands, 'hello /args')).toEqual([]);
    const args = commands.find((command) => command.prompt === 'args-prompt')!;
    expect(args.arguments).toEqual([
      { name: 'city', description: 'Name of the city', required: true },
      { name: 'state', required: false },
    ]);
    await expect(usePrompt(manager, args, {})).rejects.toThrow(/needs "city"/);
    expect(await usePrompt(manager, args, { city: 'Lyon', state: '' })).toBe("What's weather in Lyon?");
    const simple = commands.find((command) => command.prompt === 'simple-prompt')!;
    expect(await usePrompt(manager, simple, {})).toBe('This is a simple prompt without arguments.');
  });
});
