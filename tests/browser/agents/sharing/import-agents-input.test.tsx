/**
 * The "Import agent" input in Chromium, with the real IndexedDB and an in-memory AgentService:
 * several files at once, a review whose connections start unticked, only ticked ones applied
 * (MCP servers saved switched off), stdio and bad files refused with an alert and nothing added.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { exportAgentFile } from '../../../../src/app/agents/agent-file';
import { ImportAgentsInput } from '../../../../src/ui/agents/sharing/import-agents-input';
import { FakeAgentService, sampleAgent } from '../../../support/fake-agents-ashare';
import { mount } from '../../support/mount';
import { useTestDatabase } from './test-db';

const exact = { exact: true } as const;
const openDb = useTestDatabase('tabagent-agent-import-test');

const builderConfig = JSON.stringify({
  name: 'Story painter',
  avatar: 'custom_bot_avatar.png',
  description: 'Tells stories with pictures',
  instruction: 'Tell a story and draw each scene.',
  prompt_recommend: ['Tell me a story'],
  knowledge: [],
  tools: {
    image_gen: { name: 'Wanx Image Generation', is_active: true, use: true },
    web_search: { name: 'Web Searching', is_active: true, use: true },
  },
  model: 'qwen-max',
});

const ownFile = exportAgentFile(sampleAgent({ name: 'Math tutor', instructions: 'Explain step by step.', tools: [{ kind: 'tool', name: 'calculator' }] }));

const tinyAgent = JSON.stringify({
  model: 'Qwen/Qwen3-32B',
  endpointUrl: 'http://127.0.0.1:9/v1',
  servers: [
    { type: 'http', config: { url: 'http://127.0.0.1:9/mcp' } },
    { type: 'sse', config: { url: 'http://127.0.0.1:9/sse' } },
  ],
});

const stdioAgent = JSON.stringify({ model: 'Qwen/Qwen2.5-72B-Instruct', provider: 'nebius', servers: [{ type: 'stdio', config: { command: 'npx', args: ['@playwright/mcp@latest'] } }] });

const file = (text: string, name: string): File => new File([text], name, { type: name.endsWith('.md') ? 'text/markdown' : 'application/json' });

function render(agents: FakeAgentService): void {
  mount(() => <ImportAgentsInput agents={agents} openDatabase={openDb} />);
}

describe('ImportAgentsInput', () => {
  it('reads several files at once and adds them on confirmation, with connections left off', async () => {
    const agents = new FakeAgentService();
    render(agents);
    await userEvent.upload(page.getByLabelText('Import agent', exact), [file(ownFile, 'Math tutor.agent.json'), file(builderConfig, 'builder_config.json')]);

    await expect.element(page.getByRole('heading', { name: '2 agents to add' })).toBeVisible();
    await expect.element(page.getByRole('heading', { name: 'Math tutor' })).toBeVisible();
    await expect.element(page.getByRole('heading', { name: 'Story painter' })).toBeVisible();
    await expect.element(page.getByText('Web Searching (web_search) has no counterpart here and is left out.')).toBeVisible();
    await expect.element(page.getByText(/hosted model qwen-max/)).toBeVisible();
    const imageTool = page.getByRole('checkbox', { name: /Enable model_api/ });
    await expect.element(imageTool).not.toBeChecked();
    expect(agents.agents.size).toBe(0);

    await page.getByRole('button', { name: 'Add 2 agents' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Added Math tutor, Story painter.');
    const saved = await agents.list();
    expect(saved.map((agent) => agent.name)).toEqual(['Math tutor', 'Story painter']);
    expect(saved[0]?.tools).toEqual([{ kind: 'tool', name: 'calculator' }]);
    // The image tool sends data: unticked, it is not added.
    expect(saved[1]?.tools).toEqual([]);
    expect(saved[1]?.starterPrompts).toEqual(['Tell me a story']);
  });

  it('adds only the ticked MCP servers, saved switched off, and the engine only when ticked', async () => {
    const agents = new FakeAgentService();
    render(agents);
    await userEvent.upload(page.getByLabelText('Import agent', exact), [file(tinyAgent, 'agent.json'), file('You code carefully.', 'PROMPT.md')]);

    const http = page.getByRole('checkbox', { name: /Add MCP server 127\.0\.0\.1 \(http:\/\/127\.0\.0\.1:9\/mcp\)/ });
    await expect.element(http).not.toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: /Use the engine Qwen\/Qwen3-32B/ })).not.toBeChecked();
    await http.click();
    await page.getByRole('button', { name: 'Add agent', exact: true }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent(/Added Tiny agent \(Qwen3-32B\)/);

    const [agent] = await agents.list();
    expect(agent?.instructions).toBe('You code carefully.');
    expect(agent?.engine).toEqual({ kind: 'default' });
    const servers = await (await openDb()).getAll('mcpServers');
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({ url: 'http://127.0.0.1:9/mcp', enabled: false, headerSecrets: {} });
    expect(agent?.tools).toEqual([{ kind: 'mcp-server', serverId: servers[0]!.id }]);
  });

  it('refuses a tiny agent with a stdio server with an alert, and adds nothing', async () => {
    const agents = new FakeAgentService();
    render(agents);
    await userEvent.upload(page.getByLabelText('Import agent', exact), file(stdioAgent, 'agent.json'));

    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent(/browser tab cannot run programs/);
    await expect.element(alert).toHaveTextContent(/HTTP bridge/);
    await expect.element(alert).toHaveTextContent(/npx @playwright\/mcp@latest/);
    await expect.element(page.getByRole('button', { name: /^Add/ })).not.toBeInTheDocument();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Nothing was added.');
    expect(agents.agents.size).toBe(0);
    expect(await (await openDb()).getAll('mcpServers')).toEqual([]);
  });

  it('names the problem of a bad file and still offers the good one', async () => {
    const agents = new FakeAgentService();
    render(agents);
    const wrongVersion = JSON.stringify({ ...(JSON.parse(ownFile) as object), version: 9 });
    await userEvent.upload(page.getByLabelText('Import agent', exact), [file('not json at all', 'notes.json'), file(wrongVersion, 'old.agent.json'), file(ownFile, 'ok.agent.json')]);

    await expect.element(page.getByText(/notes\.json is not JSON/)).toBeVisible();
    await expect.element(page.getByText(/old\.agent\.json is an agent file of version 9/)).toBeVisible();
    expect(page.getByRole('alert').elements()).toHaveLength(2);
    await page.getByRole('button', { name: 'Add agent', exact: true }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Added Math tutor.');
    expect(agents.agents.size).toBe(1);
  });

  it('keeps a typed key for the engine’s origin only, when the engine is ticked', async () => {
    const agents = new FakeAgentService();
    render(agents);
    const withKey = exportAgentFile(sampleAgent({ name: 'Remote', engine: { kind: 'server', baseUrl: 'https://api.example.com/v1', model: 'm', keyName: 'example' } }));
    await userEvent.upload(page.getByLabelText('Import agent', exact), file(withKey, 'remote.agent.json'));
    await page.getByRole('checkbox', { name: /Use the engine m at https:\/\/api\.example\.com\/v1/ }).click();
    await page.getByLabelText(/API key "example"/).fill('sk-typed');
    await page.getByRole('button', { name: 'Add agent', exact: true }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Added Remote.');
    const secret = await (await openDb()).get('secrets', 'example');
    expect(secret).toMatchObject({ value: 'sk-typed', origins: ['https://api.example.com'] });
    expect((await agents.list())[0]?.engine).toMatchObject({ kind: 'server', keyName: 'example' });
  });
});
