import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { openTabagentDb, type TabagentDb } from '../../../src/store';
import { registerBuiltins } from '../../../src/tools/builtins';
import { ToolRegistry } from '../../../src/tools/registry';
import { App } from '../../../src/ui/app';
import { createToolLibrary } from '../../../src/app/tools/tool-library';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const exact = { exact: true } as const;
let dbName = '';
const open: TabagentDb[] = [];

beforeEach(() => {
  dbName = `tabagent-mcp-import-${crypto.randomUUID()}`;
});

afterEach(async () => {
  unmountAll();
  for (const db of open.splice(0)) db.close();
  await deleteDB(dbName);
});

async function database(): Promise<TabagentDb> {
  const db = await openTabagentDb({ name: dbName });
  open.push(db);
  return db;
}

/** The app with the real tool library; every request it would make is recorded (none is expected). */
async function openToolsPage(): Promise<string[]> {
  const requests: string[] = [];
  const registry = new ToolRegistry();
  registerBuiltins(registry);
  const services = fakeServices(streamingRun(() => ['unused']).run, {
    tools: () => registry.list().map(({ name, description }) => ({ name, description })),
    toolLibrary: createToolLibrary({
      registry,
      fetch: (input) => {
        requests.push(String(input instanceof Request ? input.url : input));
        return Promise.reject(new TypeError('no network in this test'));
      },
    }),
  });
  mount(() => <App services={services} databaseName={dbName} />);
  await userEvent.click(page.getByRole('link', { name: 'Tools', ...exact }));
  await expect.element(page.getByRole('heading', { name: 'Your tools', ...exact })).toBeVisible();
  return requests;
}

describe('Paste mcpServers JSON', () => {
  it('adds http/sse entries switched off, uncontacted, with header values as secrets; refuses stdio with why', async () => {
    const requests = await openToolsPage();
    const config = {
      mcpServers: {
        docs: { type: 'http', url: 'https://docs.example.com/mcp', headers: { Authorization: 'Bearer canary-token-123' } },
        files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem'] },
      },
    };
    await userEvent.fill(page.getByRole('textbox', { name: 'Paste mcpServers JSON', ...exact }), JSON.stringify(config));
    await userEvent.click(page.getByRole('button', { name: 'Add servers', ...exact }));
    await expect.element(page.getByText(/Added 1 server \(switched off\): docs/).first()).toBeVisible();
    await expect.element(page.getByText(/files was not added: .*browser tab cannot/)).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Connect docs again', ...exact })).toBeVisible();

    const db = await database();
    const servers = await db.getAll('mcpServers');
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({ url: 'https://docs.example.com/mcp', name: 'docs', enabled: false });
    // The config keeps a secret id only; the value sits in the secrets store, bound to the server's origin.
    expect(JSON.stringify(servers[0])).not.toContain('canary-token-123');
    const secret = await db.get('secrets', servers[0]!.headerSecrets.Authorization!);
    expect(secret).toMatchObject({ value: 'Bearer canary-token-123', origins: ['https://docs.example.com'] });
    expect(requests).toEqual([]);
  });

  it('bad JSON shows a clear error and adds nothing', async () => {
    await openToolsPage();
    await userEvent.fill(page.getByRole('textbox', { name: 'Paste mcpServers JSON', ...exact }), '{ "mcpServers": { "docs": ');
    await userEvent.click(page.getByRole('button', { name: 'Add servers', ...exact }));
    await expect.element(page.getByText(/not valid JSON/)).toBeVisible();
    const db = await database();
    expect(await db.getAll('mcpServers')).toEqual([]);
    expect(await db.getAll('secrets')).toEqual([]);
  });
});
