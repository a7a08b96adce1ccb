/**
 * Agents end to end (issue 13), against the local OpenAI-compatible test server: an agent made in
 * the editor chats with its own instructions, tools and knowledge; it leaves as a file and comes
 * back equal; an agent calls another with the callee's steps inside the caller's card; a share link
 * round-trips into another browser profile; a stdio tiny-agent is refused with nothing added.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startOpenAITestServer, type OpenAITestServer, type RecordedRequest, type Reply } from '../support/openai-test-server';
import { configureServer, watch } from './page-watch';

const exact = { exact: true } as const;
let server: OpenAITestServer;
let respond: (request: RecordedRequest) => Reply = () => ({ kind: 'text', text: 'OK.' });

test.beforeEach(async () => {
  respond = () => ({ kind: 'text', text: 'OK.' });
  server = await startOpenAITestServer({ respond: (request) => respond(request) });
});

test.afterEach(async () => {
  await server.close();
});

const systemOf = (request: RecordedRequest): string => String(request.body.messages.find((message) => message.role === 'system')?.content ?? '');
const hasToolResult = (request: RecordedRequest): boolean => request.body.messages.some((message) => message.role === 'tool');

async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
}

async function createKnowledgeBase(page: Page, name: string, title: string, text: string): Promise<void> {
  await openPage(page, 'Knowledge');
  await page.getByLabel('New knowledge base', exact).fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const base = page.getByRole('region', { name, exact: true });
  await base.getByText('Paste text', exact).click();
  await base.getByLabel('Title', exact).fill(title);
  await base.getByLabel('Text', exact).fill(text);
  await base.getByRole('button', { name: 'Add text', exact: true }).click();
  await expect(base.getByRole('list', { name: `Documents in ${name}` }).getByRole('listitem')).toHaveCount(1);
}

/** Makes an agent in the editor; `tools` and `bases` are ticked by their names. */
async function createAgent(page: Page, agent: { name: string; description: string; instructions: string; tools?: string[]; bases?: string[] }): Promise<void> {
  await openPage(page, 'Agents');
  await page.getByRole('button', { name: 'New agent', exact: true }).click();
  const form = page.getByRole('form', { name: 'Agent' });
  await form.getByLabel('Name', exact).fill(agent.name);
  await form.getByLabel('Description', exact).fill(agent.description);
  await form.getByLabel('Instructions', exact).fill(agent.instructions);
  for (const tool of agent.tools ?? []) await form.getByRole('checkbox', { name: tool, exact: true }).check();
  for (const base of agent.bases ?? []) await form.getByRole('checkbox', { name: base, exact: true }).check();
  await form.getByRole('button', { name: 'Save agent', exact: true }).click();
  await openPage(page, 'Agents');
  await expect(page.getByRole('button', { name: `Chat with ${agent.name}`, exact: true })).toBeVisible();
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

test('an agent made in the editor chats with its instructions, only its tools and its knowledge (no per-conversation tick)', async ({ page }) => {
  const seen = watch(page);
  respond = () => ({ kind: 'text', text: 'Arr, the office opens at 9:15.' });
  await page.goto('/');
  await configureServer(page, server.url);
  await createKnowledgeBase(page, 'Handbook', 'Opening hours', 'The office opens at 9:15 every weekday.');
  await createAgent(page, { name: 'Pirate', description: 'Talks like a pirate.', instructions: 'Speak like a pirate. INSTRUCTIONS-CANARY', tools: ['calculator'], bases: ['Handbook'] });

  await page.getByRole('button', { name: 'Chat with Pirate', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Agent', exact: true }).getByText('Pirate', exact)).toBeVisible();
  await send(page, 'When does the office open?');
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Arr, the office opens at 9:15.');

  const request = server.requests.at(-1)!;
  expect(systemOf(request)).toContain('INSTRUCTIONS-CANARY');
  expect(request.body.tools?.map((tool) => tool.function.name)).toEqual(['calculator']);
  expect(JSON.stringify(request.body.messages)).toContain('The office opens at 9:15 every weekday.');
  expect(seen.errors).toEqual([]);
});

test('export → delete → import gives the agent back equal', async ({ page }) => {
  await page.goto('/');
  await configureServer(page, server.url);
  await createAgent(page, { name: 'Clerk', description: 'Files things.', instructions: 'You file things neatly.', tools: ['calculator'] });

  const exportOnce = async (): Promise<string> => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Clerk', exact: true }).click();
    return readFileSync(await (await download).path(), 'utf8');
  };
  const exported = await exportOnce();
  expect(exported).not.toMatch(/apiKey|sk-/);

  await page.getByRole('button', { name: 'Delete Clerk', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Chat with Clerk', exact: true })).toHaveCount(0);

  await page.getByLabel('Import agent', exact).setInputFiles({ name: 'Clerk.agent.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.getByRole('button', { name: 'Add agent', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Chat with Clerk', exact: true })).toBeVisible();
  expect(JSON.parse(await exportOnce())).toEqual(JSON.parse(exported));
});

test('a stdio tiny-agent is refused with a message that says why, and nothing is added', async ({ page }) => {
  await page.goto('/');
  await openPage(page, 'Agents');
  await expect(page.getByRole('button', { name: 'Chat with Tabagent', exact: true })).toBeVisible();
  const before = await page.getByRole('button', { name: /^Chat with / }).count();
  const agent = { model: 'Qwen/Qwen2.5-72B-Instruct', provider: 'nebius', servers: [{ type: 'stdio', config: { command: 'npx', args: ['@playwright/mcp@latest'] } }] };
  await page.getByLabel('Import agent', exact).setInputFiles({ name: 'agent.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(agent)) });
  await expect(page.getByRole('alert').filter({ hasText: /stdio/i })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add agent', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Chat with / })).toHaveCount(before);
});

test('a share link round-trips into another browser profile, added only on confirmation', async ({ page, browser }) => {
  await page.goto('/');
  await configureServer(page, server.url);
  await createAgent(page, { name: 'Courier', description: 'Carries messages.', instructions: 'You carry messages. SHARE-CANARY' });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy share link for Courier', exact: true }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#/agents/import?a=');

  const other = await browser.newContext();
  try {
    const visitor = await other.newPage();
    await visitor.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    const dialog = visitor.getByRole('dialog');
    await expect(dialog).toContainText('Courier');
    await expect(dialog).toContainText('SHARE-CANARY');
    await dialog.getByRole('button', { name: 'Add agent', exact: true }).click();
    await expect(dialog).toBeHidden();
    await openPage(visitor, 'Agents');
    await expect(visitor.getByRole('button', { name: 'Chat with Courier', exact: true })).toBeVisible();
  } finally {
    await other.close();
  }
});

test('an agent calls another: the callee runs with its own instructions and its steps show inside the caller’s card', async ({ page }) => {
  await page.goto('/');
  await configureServer(page, server.url);
  await createAgent(page, { name: 'Researcher', description: 'Finds facts.', instructions: 'You are the researcher. CALLEE-CANARY' });
  await createAgent(page, { name: 'Boss', description: 'Delegates.', instructions: 'You are the boss. CALLER-CANARY', tools: ['Researcher'] });
  respond = (request) => {
    const system = systemOf(request);
    if (system.includes('CALLEE-CANARY')) return { kind: 'text', text: 'The launch is on May 5.' };
    if (!hasToolResult(request)) return { kind: 'tool-calls', calls: [{ name: 'agent_researcher', arguments: { task: 'Find the launch date.' } }] };
    return { kind: 'text', text: 'We launch on May 5.' };
  };

  await page.getByRole('button', { name: 'Chat with Boss', exact: true }).click();
  await send(page, 'When do we launch?');
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('We launch on May 5.');
  const card = log.getByRole('article', { name: 'Tool call: agent_researcher', exact: true });
  await expect(card.getByRole('region', { name: 'Steps of agent_researcher', exact: true })).toContainText('The launch is on May 5.');
  const callee = server.requests.find((request) => systemOf(request).includes('CALLEE-CANARY'))!;
  expect(callee.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'Find the launch date.' });
});
