import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { loadSettings, openTabagentDb, type TabagentDb } from '../../../src/store';
import { registerBuiltins } from '../../../src/tools/builtins';
import { ToolRegistry } from '../../../src/tools/registry';
import { App } from '../../../src/ui/app';
import { createToolLibrary } from '../../../src/app/tools/tool-library';
import { createAgentService } from '../../../src/app/agents/agent-service-impl';
import { DEFAULT_AGENT_ID } from '../../../src/app/agents/default-agent';
import { announceAgentsChanged } from '../../../src/ui/agents/agents-changed';
import petstoreText from '../../fixtures/openapi/petstore-3.0.json?raw';
import swaggerText from '../../fixtures/openapi/petstore-swagger-2.0.yaml?raw';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const exact = { exact: true } as const;
let dbName = '';
const open: TabagentDb[] = [];

beforeEach(() => {
  dbName = `tabagent-tools-page-${crypto.randomUUID()}`;
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

/** The app with the real tool library over a real registry; only the agent run is scripted. */
function mountApp(): ToolRegistry {
  const registry = new ToolRegistry();
  registerBuiltins(registry);
  const services = fakeServices(streamingRun(() => ['unused']).run, {
    tools: () => registry.list().map(({ name, description }) => ({ name, description })),
    toolLibrary: createToolLibrary({ registry }),
    agents: createAgentService({ openDatabase: database }),
  });
  mount(() => <App services={services} databaseName={dbName} />);
  return registry;
}

async function openToolsPage(): Promise<void> {
  await userEvent.click(page.getByRole('link', { name: 'Tools', ...exact }));
  await expect.element(page.getByRole('heading', { name: 'Your tools', ...exact })).toBeVisible();
}

describe('the Tools page', () => {
  it('lists an MCP server an imported agent brought (saved switched off) without a reload', async () => {
    mountApp();
    await openToolsPage();
    await expect.element(page.getByText('imported-maps', exact)).not.toBeInTheDocument();
    const db = await database();
    await db.put('mcpServers', { id: 'mcp-imported', url: 'https://maps.example.com/mcp', name: 'imported-maps', enabled: false, headerSecrets: {}, createdAt: 1, updatedAt: 1 });
    // What the agent import says once it has saved (src/ui/agents/agents-changed.ts).
    announceAgentsChanged();
    await expect.element(page.getByText('imported-maps', exact).first()).toBeVisible();
  });

  it("lists the built-in tools; on/off is kept in the settings, a pin in the default agent's record", async () => {
    mountApp();
    await openToolsPage();
    const calculator = page.getByRole('checkbox', { name: 'Enable calculator', ...exact });
    await expect.element(calculator).toBeChecked();
    await userEvent.click(calculator);
    await expect.element(calculator).not.toBeChecked();
    await userEvent.click(page.getByRole('checkbox', { name: 'Pin current_time', ...exact }));
    await expect.poll(async () => (await loadSettings(await database())).enabledTools.calculator).toBe(false);
    const defaultAgent = async () => (await database()).get('agents', DEFAULT_AGENT_ID);
    await expect.poll(async () => (await defaultAgent())?.pinnedTools).toEqual(['current_time']);
    // Settings keep no copy of the pins.
    expect(Object.keys((await (await database()).get('settings', 'app'))?.settings ?? {})).not.toContain('pinnedTools');
    await userEvent.click(page.getByRole('checkbox', { name: 'Pin current_time', ...exact }));
    await expect.poll(async () => (await defaultAgent())?.pinnedTools).toEqual([]);
    // Filtering narrows the list.
    await userEvent.fill(page.getByRole('searchbox', { name: 'Filter tools' }), 'unit_convert');
    await expect.element(page.getByRole('checkbox', { name: 'Enable calculator', ...exact })).not.toBeInTheDocument();
    await expect.element(page.getByRole('checkbox', { name: 'Enable unit_convert', ...exact })).toBeVisible();
  });

  it('imports OpenAPI from a file: preview, choose, credentials, add, then remove', async () => {
    const registry = mountApp();
    await openToolsPage();
    await userEvent.fill(page.getByLabelText('Base URL (optional)'), 'http://127.0.0.1:9/api/v3');
    await userEvent.upload(page.getByLabelText('OpenAPI file'), new File([petstoreText], 'openapi.json', { type: 'application/json' }));
    await expect.element(page.getByRole('heading', { name: 'Swagger Petstore - OpenAPI 3.0 1.0.27', ...exact })).toBeVisible();
    await expect.element(page.getByText('19 operations (OpenAPI 3.0)', exact)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Select none', ...exact }));
    await userEvent.click(page.getByRole('checkbox', { name: /^getPetById GET \/pet\/\{petId\}$/ }));
    await userEvent.click(page.getByRole('checkbox', { name: /^addPet POST \/pet$/ }));
    await userEvent.fill(page.getByLabelText(/^api_key \(API key in header/), 'canary-key-1');
    await userEvent.click(page.getByRole('button', { name: 'Add 2 tools', ...exact }));
    await expect.element(page.getByRole('status')).toHaveTextContent('Added 2 tools.');
    await expect.element(page.getByRole('checkbox', { name: 'Enable getPetById', ...exact })).toBeChecked();
    expect(registry.get('getPetById')?.manifest.allowedOrigins).toEqual(['http://127.0.0.1:9']);

    const db = await database();
    const records = await db.getAll('tools');
    expect(records.map((record) => record.name).sort()).toEqual(['addPet', 'getPetById']);
    const getPet = records.find((record) => record.name === 'getPetById')!;
    expect(getPet.source).toEqual({ kind: 'openapi' });
    expect(getPet.openapi).toMatchObject({ method: 'get', path: '/pet/{petId}', serverUrl: 'http://127.0.0.1:9/api/v3' });
    // The key is stored once, as a secret tied to the API's origin; records hold only its id.
    const secrets = await db.getAll('secrets');
    expect(secrets.map((secret) => [secret.value, secret.origins])).toEqual([['canary-key-1', ['http://127.0.0.1:9']]]);
    expect(JSON.stringify(records)).not.toContain('canary-key-1');

    await userEvent.click(page.getByRole('button', { name: 'Remove addPet', ...exact }));
    await expect.element(page.getByRole('checkbox', { name: 'Enable addPet', ...exact })).not.toBeInTheDocument();
    expect(registry.has('addPet')).toBe(false);
    expect((await db.getAll('tools')).map((record) => record.name)).toEqual(['getPetById']);
    expect(await db.count('secrets')).toBe(1);
  });

  it('rebuilds imported tools from the database at start', async () => {
    mountApp();
    await openToolsPage();
    await userEvent.upload(page.getByLabelText('OpenAPI file'), new File([swaggerText], 'swagger.yaml', { type: 'application/yaml' }));
    await expect.element(page.getByText('20 operations (OpenAPI 2.0)', exact)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Add 20 tools', ...exact }));
    await expect.element(page.getByRole('status')).toHaveTextContent('Added 20 tools.');
    unmountAll();

    // A fresh app over the same database: the library's start (run by the app shell) brings them back.
    const registry = mountApp();
    await expect.poll(() => registry.has('findPetsByStatus'), { timeout: 10_000 }).toBe(true);
    expect(registry.get('findPetsByStatus')?.manifest.allowedOrigins).toEqual(['https://petstore.swagger.io']);
    expect(registry.list().filter((manifest) => manifest.kind === 'openapi')).toHaveLength(20);
  });

  it('shows why an MCP server could not be connected, and saves nothing', async () => {
    mountApp();
    await openToolsPage();
    await userEvent.fill(page.getByLabelText('MCP server URL'), 'http://127.0.0.1:9/mcp');
    await userEvent.click(page.getByRole('button', { name: 'Connect', ...exact }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(/Could not connect to the MCP server .*127\.0\.0\.1:9/);
    await expect.element(page.getByText('No MCP servers yet.', exact)).toBeVisible();
    expect(await (await database()).count('mcpServers')).toBe(0);
  });

  it('shows the document’s problem when it is not OpenAPI', async () => {
    mountApp();
    await openToolsPage();
    await userEvent.upload(page.getByLabelText('OpenAPI file'), new File(['{"hello": "world"}'], 'x.json', { type: 'application/json' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(/not an OpenAPI document/);
  });
});
