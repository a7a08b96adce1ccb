import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpContent, type McpContent } from '../../../src/app/tools/mcp-content';
import { TabagentError } from '../../../src/core/errors';
import { renderSections } from '../../../src/core/agent/turn-context';
import type { AttachedResourceRef } from '../../../src/core/transcript';
import { McpServerManager } from '../../../src/tools/mcp/mcp-server-manager';
import { createMemoryServerStore } from '../../../src/tools/mcp/server-store';
import { ToolRegistry } from '../../../src/tools/registry';
import { startEverythingServer, type EverythingServer } from '../../support/mcp-everything';

/** The app's MCP content services (what the Tools page and the composer call) against server-everything. */
describe('MCP content services against server-everything', { timeout: 90_000 }, () => {
  let everything: EverythingServer;
  let manager: McpServerManager;
  let content: McpContent;
  let serverId: string;

  beforeAll(async () => {
    everything = await startEverythingServer('streamableHttp');
    manager = new McpServerManager({ registry: new ToolRegistry(), store: createMemoryServerStore() });
    serverId = (await manager.add({ url: everything.url })).id;
    content = createMcpContent(() => Promise.resolve(manager));
  }, 90_000);

  afterAll(async () => {
    await manager?.close();
    await everything?.close();
  });

  it('lists resources with their media type, and templates with the variables their form asks for', async () => {
    const { resources, templates } = await content.resources(serverId);
    expect(resources).toContainEqual(expect.objectContaining({ name: 'architecture.md', uri: 'demo://resource/static/document/architecture.md', mimeType: 'text/markdown' }));
    expect(templates).toContainEqual(expect.objectContaining({ name: 'Dynamic Text Resource', uriTemplate: 'demo://resource/dynamic/text/{resourceId}', variables: ['resourceId'] }));
  });

  it('fills a template (escaping what a URI cannot hold) and reads the resource', async () => {
    expect(await content.expand('demo://resource/dynamic/text/{resourceId}', { resourceId: '3' })).toBe('demo://resource/dynamic/text/3');
    expect(await content.expand('demo://x/{id}', { id: 'a b/c' })).toBe('demo://x/a%20b%2Fc');
    expect(await content.read(serverId, 'demo://resource/dynamic/text/3')).toContain('Resource 3: This is a plaintext resource');
  });

  it("reads a message's attached resources as its run is prepared, as untrusted sections cited by number", async () => {
    const attached: AttachedResourceRef[] = [{ serverId, serverName: 'everything', uri: 'demo://resource/dynamic/text/5', name: 'Five' }];
    const provider = await content.readAttached(attached);
    const sections = await provider({ text: 'q', parts: { latest: 'q' }, messages: [], signal: new AbortController().signal });
    expect(sections).toEqual([
      {
        kind: 'resource',
        title: 'Five (demo://resource/dynamic/text/5, MCP server everything)',
        text: expect.stringContaining('Resource 5: This is a plaintext resource'),
        untrusted: true,
        ref: 'demo://resource/dynamic/text/5',
      },
    ]);
    expect(renderSections(sections)).toContain('<resource id="1" title="Five (demo://resource/dynamic/text/5, MCP server everything)" trust="untrusted">');
  });

  it('an attached resource that cannot be read is an error naming it (the run fails saying so, rather than leaving it out)', async () => {
    const attached: AttachedResourceRef[] = [{ serverId: 'gone', serverName: 'old', uri: 'demo://nothing', name: 'Nothing' }];
    const failure = await content.readAttached(attached).catch((error: unknown) => error);
    expect(TabagentError.is(failure)).toBe(true);
    expect((failure as Error).message).toContain('The attached resource Nothing (demo://nothing) could not be read from old');
  });

  it('offers the prompts as slash commands and fills one into the draft', async () => {
    const commands = await content.slashCommands();
    const args = commands.find((command) => command.prompt === 'args-prompt');
    expect(args?.arguments).toEqual([
      { name: 'city', description: 'Name of the city', required: true },
      { name: 'state', required: false },
    ]);
    expect(await content.usePrompt(args as NonNullable<typeof args>, { city: 'Lyon', state: '' })).toBe("What's weather in Lyon?");
  });

  it('shares one attachments list, whose items are read on attaching', async () => {
    const list = await content.attachments();
    expect(await content.attachments()).toBe(list);
    const item = await list.attach(serverId, 'demo://resource/dynamic/text/9', 'Nine');
    expect(item).toMatchObject({ serverName: 'everything', name: 'Nine', text: expect.stringContaining('Resource 9') });
    await list.clear();
    expect(list.list()).toEqual([]);
  });
});
