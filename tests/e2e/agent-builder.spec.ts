/**
 * The Agent builder end to end (issue 13), against the local OpenAI-compatible test server: the
 * builder, answering through the configured server with native tool calls, fills in the agent
 * editor's form; the saved agent then chats with the instructions the builder set.
 */
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
/** The builder's requests are the ones that offer its draft-editing tools. */
const isBuilder = (request: RecordedRequest): boolean => (request.body.tools ?? []).some((tool) => tool.function.name === 'set_agent_name');

const INSTRUCTIONS = 'You are a patient cook. Convert units with the calculator. BUILDER-CANARY';
const CALLS = [
  { name: 'set_agent_name', arguments: { name: 'Chef' } },
  { name: 'set_agent_description', arguments: { description: 'Cooks with you.' } },
  { name: 'set_agent_instructions', arguments: { instructions: INSTRUCTIONS } },
  { name: 'add_starter_prompts', arguments: { prompts: ['What can I cook tonight?', 'Convert 200 g of flour to cups'] } },
  { name: 'enable_agent_tools', arguments: { names: ['calculator'] } },
];

async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
}

test('the builder creates an agent through chat, and the saved agent chats with the instructions it set', async ({ page }) => {
  const seen = watch(page);
  respond = (request) => {
    if (isBuilder(request)) {
      if (!hasToolResult(request)) return { kind: 'tool-calls', calls: CALLS };
      return { kind: 'text', text: 'Chef is ready: review the form and save it.' };
    }
    return { kind: 'text', text: 'Let us cook pasta tonight.' };
  };
  await page.goto('/');
  await configureServer(page, server.url);
  await openPage(page, 'Agents');
  await page.getByRole('button', { name: 'New agent', exact: true }).click();

  const builder = page.getByRole('region', { name: 'Agent builder', exact: true });
  await builder.getByRole('textbox', { name: 'Message', exact: true }).fill('Make me a cooking assistant');
  await builder.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(builder.getByRole('log', { name: 'Conversation' })).toContainText('Chef is ready: review the form and save it.');

  const form = page.getByRole('form', { name: 'Agent' });
  await expect(form.getByLabel('Name', exact)).toHaveValue('Chef');
  await expect(form.getByLabel('Description', exact)).toHaveValue('Cooks with you.');
  await expect(form.getByLabel('Instructions', exact)).toHaveValue(INSTRUCTIONS);
  await expect(form.getByLabel('Starter prompts', exact)).toHaveValue('What can I cook tonight?\nConvert 200 g of flour to cups');
  await expect(form.getByRole('checkbox', { name: 'calculator', exact: true })).toBeChecked();

  // The builder spoke with its own system text and offered only its tools.
  const builderRequest = server.requests.find(isBuilder)!;
  expect(systemOf(builderRequest)).toContain('You are the Agent builder');
  expect(builderRequest.body.tools?.map((tool) => tool.function.name)).toEqual(expect.arrayContaining(CALLS.map((call) => call.name)));

  await form.getByRole('button', { name: 'Save agent', exact: true }).click();
  await openPage(page, 'Agents');
  await page.getByRole('button', { name: 'Chat with Chef', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('What can I cook tonight?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Let us cook pasta tonight.');

  const chat = server.requests.at(-1)!;
  expect(isBuilder(chat)).toBe(false);
  expect(systemOf(chat)).toContain(INSTRUCTIONS);
  expect(chat.body.tools?.map((tool) => tool.function.name)).toEqual(['calculator']);
  expect(seen.errors).toEqual([]);
});
