/**
 * The Demos dialog in the real app shell (real settings, conversations, knowledge store and tool
 * library over IndexedDB); only the agent run is scripted. End-to-end runs against a model server
 * are in tests/e2e/demos.spec.ts.
 */
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { listBases, listDocuments } from '../../../src/knowledge';
import { ConversationStore, defaultSettings, loadSettings, openTabagentDb, saveSettings, type Settings, type TabagentDb } from '../../../src/store';
import { registerBuiltins } from '../../../src/tools/builtins';
import { ToolRegistry } from '../../../src/tools/registry';
import { App } from '../../../src/ui/app';
import { t } from '../../../src/ui/demos/messages';
import { demoAgentId } from '../../../src/app/demos/demo-agents';
import { setLocale } from '../../../src/ui/i18n';
import { createToolLibrary } from '../../../src/app/tools/tool-library';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const exact = { exact: true } as const;
let dbName = '';
const opened: TabagentDb[] = [];

beforeEach(() => {
  dbName = `tabagent-demos-${crypto.randomUUID()}`;
});

afterEach(async () => {
  unmountAll();
  setLocale('en');
  location.hash = '';
  await page.viewport(1280, 720);
  for (const db of opened.splice(0)) db.close();
  await deleteDB(dbName);
});

async function database(): Promise<TabagentDb> {
  const db = await openTabagentDb({ name: dbName });
  opened.push(db);
  return db;
}

async function configure(change: (settings: Settings) => void = () => undefined): Promise<void> {
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'native' };
  change(settings);
  await saveSettings(await database(), settings);
}

async function saved(): Promise<Settings> {
  return loadSettings(await database());
}

/** The app with the real tool library over the built-in tools; the agent run answers "Done." */
function mountApp() {
  const registry = new ToolRegistry();
  registerBuiltins(registry);
  const scripted = streamingRun(() => ['Done.'], 5);
  const services = fakeServices(scripted.run, {
    tools: () => registry.list().map(({ name, description }) => ({ name, description })),
    toolLibrary: createToolLibrary({ registry }),
  });
  mount(() => <App services={services} databaseName={dbName} />);
  return { registry, calls: scripted.calls };
}

const dialog = () => page.getByRole('dialog', { name: 'Demos' });
const composer = () => page.getByRole('textbox', { name: 'Message', ...exact });

async function openDemos(): Promise<void> {
  await userEvent.click(page.getByRole('button', { name: 'Try a demo', ...exact }));
  await expect.element(dialog()).toBeVisible();
}

/** The agent of each conversation, oldest first. */
async function conversationAgents(): Promise<Array<string | undefined>> {
  const store = new ConversationStore(await database(), { channelName: `demos-test-${dbName}` });
  const conversations = await store.list();
  store.close();
  return conversations.reverse().map((conversation) => conversation.agentId);
}

function lastUserText(call: { messages: Array<{ role: string; content: string }> } | undefined): string {
  return call?.messages.findLast((message) => message.role === 'user')?.content ?? '';
}

describe('Demos', () => {
  it('opens from the start page, lists the six demos, and Escape returns the focus to "Try a demo"', async () => {
    await configure();
    mountApp();
    await openDemos();
    for (const title of ['Calculator and units', 'Ask my documents', 'Connect an MCP server', 'Tools from an OpenAPI spec', 'Images through a model API', 'Remember me']) {
      await expect.element(dialog().getByRole('heading', { name: title, ...exact })).toBeVisible();
    }
    await expect.element(dialog().getByRole('button', { name: 'Run: Calculator and units', ...exact })).toBeEnabled();
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog()).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Try a demo', ...exact })).toHaveFocus();
  });

  it('without a model: says so, offers Settings, and Run is off', async () => {
    mountApp();
    // The welcome is showing; it offers no demos card of its own: the start page's "Try a demo" opens the dialog.
    await expect.element(page.getByRole('region', { name: 'Welcome to Tabagent' })).toBeVisible();
    await expect.element(page.getByRole('region', { name: 'Welcome to Tabagent' }).getByRole('button', { name: 'Try a demo', ...exact })).not.toBeInTheDocument();
    await userEvent.click(page.getByRole('log').getByRole('button', { name: 'Try a demo', ...exact }));
    await expect.element(dialog().getByText(/^No model is set up yet/)).toBeVisible();
    await expect.element(dialog().getByRole('button', { name: 'Run: Remember me', ...exact })).toBeDisabled();
    await userEvent.click(dialog().getByRole('button', { name: 'Connect a server', ...exact }));
    await expect.element(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expect.element(dialog()).not.toBeInTheDocument();
  });

  it('Start: opens a new conversation with the demo’s built-in agent and the first message in the box, changing no setting', async () => {
    await configure((settings) => {
      settings.enabledTools = { unit_convert: false };
    });
    const { calls } = mountApp();
    await openDemos();
    await userEvent.click(dialog().getByRole('button', { name: 'Start: Calculator and units', ...exact }));
    await expect.element(dialog()).not.toBeInTheDocument();
    await expect.element(composer()).toHaveValue(t.table.en.calculatorPrompt as string);
    await expect.element(composer()).toHaveFocus();
    const settings = await saved();
    expect(settings.enabledTools).toEqual({ unit_convert: false });
    expect(settings.systemPrompt).toBe(defaultSettings().systemPrompt);
    expect(await conversationAgents()).toEqual([demoAgentId('calculator')]);
    expect(calls).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByText('Done.', exact)).toBeVisible();
    expect(lastUserText(calls[0])).toBe(t.table.en.calculatorPrompt);
  });

  it('Run: sends the first message at once, in Chinese when the interface is Chinese', async () => {
    await configure((settings) => {
      settings.language = 'zh';
    });
    const { calls } = mountApp();
    await userEvent.click(page.getByRole('button', { name: '试试演示', ...exact }));
    const zhDialog = page.getByRole('dialog', { name: '演示' });
    await expect.element(zhDialog).toBeVisible();
    await userEvent.click(zhDialog.getByRole('button', { name: '运行：记住我', ...exact }));
    await expect.element(page.getByText('Done.', exact)).toBeVisible();
    expect(lastUserText(calls[0])).toBe(t.table.zh.memoryPrompt);
    expect(await conversationAgents()).toEqual([demoAgentId('memory')]);
    const settings = await saved();
    expect(settings.systemPrompt).toBe(defaultSettings().systemPrompt);
  });

  it('Ask my documents: adds the guide to the "Demo" base once, and switches the base on for the new conversation', async () => {
    await configure();
    mountApp();
    for (let round = 0; round < 2; round += 1) {
      await openDemos();
      await userEvent.click(dialog().getByRole('button', { name: 'Start: Ask my documents', ...exact }));
      await expect.element(dialog()).not.toBeInTheDocument();
      await expect.element(composer()).toHaveValue(t.table.en.documentsPrompt as string);
    }
    const db = await database();
    const bases = await listBases(db);
    expect(bases.map((base) => base.name)).toEqual(['Demo']);
    const documents = await listDocuments(db, bases[0]!.id);
    expect(documents.map((document) => document.title).sort()).toEqual(['Tabagent user guide', 'Tabagent 使用指南']);
    const store = new ConversationStore(db, { channelName: `demos-test-${dbName}` });
    const conversations = await store.list();
    store.close();
    // One new conversation per start, each drawing on the demo base.
    expect(conversations).toHaveLength(2);
    expect(conversations.every((conversation) => conversation.knowledgeBaseIds.join() === bases[0]!.id)).toBe(true);
  });

  it('Tools from an OpenAPI spec: imports the two Open-Meteo tools once, for its agent, changing no setting', async () => {
    await configure();
    const { registry } = mountApp();
    for (let round = 0; round < 2; round += 1) {
      await openDemos();
      await userEvent.click(dialog().getByRole('button', { name: 'Start: Tools from an OpenAPI spec', ...exact }));
      await expect.element(dialog()).not.toBeInTheDocument();
    }
    const imported = registry.list().filter((manifest) => manifest.kind === 'openapi');
    expect(imported.map((manifest) => manifest.name)).toEqual(['geocodePlace', 'getWeatherForecast']);
    const settings = await saved();
    expect(settings.enabledTools).toEqual({});
    expect(await conversationAgents()).toEqual([demoAgentId('openapi'), demoAgentId('openapi')]);
    expect((await (await database()).getAll('tools')).map((record) => record.name).sort()).toEqual(['geocodePlace', 'getWeatherForecast']);
    await userEvent.click(page.getByRole('link', { name: 'Tools', ...exact }));
    await expect.element(page.getByRole('checkbox', { name: 'Enable getWeatherForecast', ...exact })).toBeChecked();
  });

  it('Connect an MCP server: opens the Tools page with the URL filled in and focused, and the message waiting in Chat', async () => {
    await configure();
    mountApp();
    await openDemos();
    await expect.element(dialog().getByText('npx @modelcontextprotocol/server-everything streamableHttp').first()).toBeVisible();
    await userEvent.click(dialog().getByRole('button', { name: 'Open Tools: Connect an MCP server', ...exact }));
    const field = page.getByLabelText('MCP server URL', exact);
    await expect.element(field).toHaveValue('http://127.0.0.1:3001/mcp');
    await expect.element(field).toHaveFocus();
    await expect.element(page.getByRole('note').getByText(/The demo filled in http:\/\/127\.0\.0\.1:3001\/mcp/)).toBeVisible();
    await userEvent.click(page.getByRole('link', { name: 'Chat', ...exact }));
    await expect.element(composer()).toHaveValue(t.table.en.mcpPrompt as string);
  });

  it('Images through a model API: opens Settings at its section while no image endpoint is set', async () => {
    await configure();
    const { calls } = mountApp();
    await openDemos();
    await userEvent.click(dialog().getByRole('button', { name: 'Run: Images through a model API', ...exact }));
    const settingsDialog = page.getByRole('dialog', { name: 'Settings' });
    await expect.element(settingsDialog).toBeVisible();
    await expect.element(settingsDialog.getByLabelText('Endpoint URL', exact)).toHaveFocus();
    // Tool switches live on the Tools page now; the demo switched none off (checked below).
    expect(calls).toHaveLength(0);
    await userEvent.click(settingsDialog.getByRole('button', { name: 'Cancel', ...exact }));
    await expect.element(composer()).toHaveValue(t.table.en.modelApiPrompt as string);
    expect((await saved()).enabledTools).toEqual({});
    expect(await conversationAgents()).toEqual([demoAgentId('modelApi')]);
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    await page.viewport(360, 720);
    await configure();
    mountApp();
    await openDemos();
    const element = dialog().element() as HTMLDialogElement;
    expect(element.scrollWidth).toBeLessThanOrEqual(element.clientWidth);
    expect(element.getBoundingClientRect().right).toBeLessThanOrEqual(360);
  });
});
