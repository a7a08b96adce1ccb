/**
 * Issue 16 items 4 and 5 end to end, against @modelcontextprotocol/server-everything (Streamable
 * HTTP) and the scripted OpenAI-compatible server, both started by the test: a server's sampling
 * request is shown, allowed once, completed by the conversation's engine without tools (and listed
 * on the Network page), and its answer comes back as the tool's result; a server's elicitation
 * opens a form whose accepted content reaches the server.
 */
import { expect, test, type Page } from '@playwright/test';
import { startEverythingServer, type EverythingServer } from '../support/mcp-everything';
import type { Reply } from '../support/openai-replies';
import { startOpenAITestServer, type OpenAITestServer, type RecordedRequest } from '../support/openai-test-server';
import { configureServer, isLocal, watch } from './page-watch';

const SAMPLE = 'everything__trigger-sampling-request';
const ELICIT = 'everything__trigger-elicitation-request';
const SERVER_SYSTEM = 'You are a helpful test server.';
const SERVER_MESSAGE = 'Resource trigger-sampling-request context: What is the capital of France?';
const SAMPLED = 'Paris, says the scripted model.';

let model: OpenAITestServer;
let mcp: EverythingServer;

/**
 * The scripted model: a request with the server's system prompt is the sampling completion; else
 * it calls the tool the person asked for once, then says what came back.
 */
function script(request: RecordedRequest): Reply {
  const { messages } = request.body;
  if (messages[0]?.role === 'system' && messages[0].content === SERVER_SYSTEM) return { kind: 'text', text: SAMPLED };
  const result = messages.find((message) => message.role === 'tool');
  if (result) return { kind: 'text', text: `The tool answered: ${String(result.content).slice(0, 400)}` };
  const asked = String(messages.at(-1)?.content ?? '');
  if (asked.includes('elicit')) return { kind: 'tool-calls', calls: [{ name: ELICIT, arguments: {} }] };
  return { kind: 'tool-calls', calls: [{ name: SAMPLE, arguments: { prompt: 'What is the capital of France?', maxTokens: 50 } }] };
}

test.beforeEach(async () => {
  [model, mcp] = await Promise.all([startOpenAITestServer({ respond: script }), startEverythingServer('streamableHttp')]);
});

test.afterEach(async () => {
  await Promise.all([model.close(), mcp.close()]);
});

/** Connects server-everything on the Tools page and pins `tool` (so retrieval always offers it). */
async function connectAndPin(page: Page, tool: string): Promise<void> {
  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await page.getByLabel('MCP server URL', { exact: true }).fill(mcp.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(/Connected to everything: \d+ tools\./, { timeout: 30_000 });
  const enable = page.getByRole('checkbox', { name: `Enable ${tool}`, exact: true });
  if (!(await enable.isChecked())) await enable.check();
  await page.getByRole('checkbox', { name: `Pin ${tool}`, exact: true }).check();
  await page.getByRole('link', { name: 'Chat', exact: true }).click();
}

/** Opens the app on the scripted model, connects server-everything, asks for `tool` and allows the call once (it is not marked read-only). */
async function askFor(page: Page, tool: string, text: string): Promise<void> {
  await page.goto('/');
  await configureServer(page, model.url);
  await connectAndPin(page, tool);
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const callApproval = page.getByRole('dialog', { name: 'Allow this tool call?' }).filter({ hasText: tool });
  await callApproval.getByRole('button', { name: 'Allow once', exact: true }).click();
}

test('a sampling request is shown, allowed once, answered by the conversation’s engine without tools, and comes back as the tool result', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await askFor(page, SAMPLE, 'Ask the server for a sampled answer.');

  // Then the server's sampling request, shown exactly: its system prompt, messages and token limit.
  const sampling = page.getByRole('dialog').filter({ hasText: 'asks your model for a completion' });
  await expect(sampling).toBeVisible({ timeout: 30_000 });
  await expect(sampling).toContainText(SERVER_SYSTEM);
  await expect(sampling).toContainText(SERVER_MESSAGE);
  await expect(sampling).toContainText('"maxTokens": 50');
  expect(model.requests).toHaveLength(1);
  await sampling.getByRole('button', { name: 'Allow once', exact: true }).click();

  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('The tool answered:', { timeout: 30_000 });
  await expect(log).toContainText(SAMPLED);
  const card = page.getByRole('article', { name: `Tool call: ${SAMPLE}` });
  await expect(card).toHaveAttribute('data-status', 'done');
  await card.getByRole('button', { name: 'Details', exact: true }).click();
  await expect(card).toContainText(SAMPLED);

  // Three requests reached the scripted server: the turn, the server's completion, the turn again.
  expect(model.requests).toHaveLength(3);
  const completion = model.requests[1]!.body;
  expect(completion.tools ?? []).toEqual([]);
  expect(completion.messages.map((message) => [message.role, message.content])).toEqual([
    ['system', SERVER_SYSTEM],
    ['user', SERVER_MESSAGE],
  ]);
  expect(completion.max_tokens).toBe(50);
  expect(JSON.stringify(model.requests[2]!.body.messages)).toContain(SAMPLED);

  // Listed on the Network page like any request of the engine.
  await page.getByRole('link', { name: 'Network', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Network', level: 2 })).toBeVisible();
  const completions = page.locator('.network-table tbody tr').filter({ hasText: '/chat/completions' }).filter({ hasText: 'engine' });
  await expect(completions).toHaveCount(3);
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
});

test('an elicitation request opens a form; the accepted content reaches the server and shows in the result', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await askFor(page, ELICIT, 'Let the server elicit my name.');

  const form = page.getByRole('dialog', { name: 'everything asks for input' });
  await expect(form).toBeVisible({ timeout: 30_000 });
  await form.getByLabel('String *', { exact: true }).fill('Ada Lovelace');
  await form.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(form).toBeHidden();

  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('The tool answered:', { timeout: 30_000 });
  const card = page.getByRole('article', { name: `Tool call: ${ELICIT}` });
  await expect(card).toHaveAttribute('data-status', 'done');
  await card.getByRole('button', { name: 'Details', exact: true }).click();
  await expect(card).toContainText('Ada Lovelace');
  await expect(card).toContainText('User provided the requested information');
  expect(JSON.stringify(model.requests[1]!.body.messages)).toContain('Ada Lovelace');
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
});
