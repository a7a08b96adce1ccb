import { expect, test } from '@playwright/test';
import { startEverythingServer, type EverythingServer } from '../support/mcp-everything';
import type { Reply } from '../support/openai-replies';
import { startOpenAITestServer, type OpenAITestServer, type RecordedRequest } from '../support/openai-test-server';
import { configureServer, isLocal, watch } from './page-watch';

let model: OpenAITestServer;
let mcp: EverythingServer;

/** The scripted model: calls the MCP echo tool once, then answers with what came back. */
function echoScript(request: RecordedRequest): Reply {
  const result = request.body.messages.find((message) => message.role === 'tool');
  if (!result) return { kind: 'tool-calls', calls: [{ name: 'everything__echo', arguments: { message: 'Hello over MCP' } }] };
  return { kind: 'text', text: `The server answered: ${String(result.content)}` };
}

test.beforeEach(async () => {
  [model, mcp] = await Promise.all([startOpenAITestServer({ respond: echoScript }), startEverythingServer('streamableHttp')]);
});

test.afterEach(async () => {
  await Promise.all([model.close(), mcp.close()]);
});

test('connects an MCP server on the Tools page, and the agent calls its tool with the result in the tool card', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, model.url);

  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await page.getByLabel('MCP server URL', { exact: true }).fill(mcp.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(/Connected to everything: \d+ tools\./, { timeout: 30_000 });
  await expect(page.getByText('Connected (Streamable HTTP)', { exact: true })).toBeVisible();
  const echo = page.getByRole('checkbox', { name: 'Enable everything__echo', exact: true });
  await expect(echo).toBeChecked();
  // Pinned: offered to the model whatever tool retrieval ranks.
  await page.getByRole('checkbox', { name: 'Pin everything__echo', exact: true }).check();

  await page.getByRole('link', { name: 'Chat', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Ask the MCP server to echo a greeting.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const card = page.getByRole('article', { name: 'Tool call: everything__echo' });
  await expect(card).toHaveCount(1);
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('The server answered: Echo: Hello over MCP');
  await card.getByRole('button', { expanded: false }).first().click();
  await expect(card).toContainText('Echo: Hello over MCP');

  // The model was offered the MCP tool, and got its real answer.
  expect(model.requests[0]?.body.tools?.map((tool) => tool.function.name)).toContain('everything__echo');
  expect(JSON.stringify(model.requests[1]?.body.messages)).toContain('Echo: Hello over MCP');
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a connected server comes back after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await page.getByLabel('MCP server URL', { exact: true }).fill(mcp.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(/Connected to everything/, { timeout: 30_000 });
  await page.reload();
  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await expect(page.getByText('Connected (Streamable HTTP)', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('checkbox', { name: 'Enable everything__get-sum', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Remove server everything', exact: true }).click();
  await expect(page.getByText('No MCP servers yet.', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Enable everything__get-sum', exact: true })).toHaveCount(0);
});
