/**
 * MCP resources and prompts in the built app, against @modelcontextprotocol/server-everything over
 * Streamable HTTP and the scripted OpenAI-compatible server: a resource attached in the composer
 * reaches the model as a quoted, untrusted section with its text (and the transcript still shows
 * it after a reload); a prompt chosen with "/" and its argument form fills the message box, and
 * its text reaches the model.
 */
import { expect, test, type Page } from '@playwright/test';
import { startEverythingServer, type EverythingServer } from '../support/mcp-everything';
import { startOpenAITestServer, type OpenAITestServer, type RecordedRequest } from '../support/openai-test-server';
import { configureServer, isLocal, watch } from './page-watch';

let model: OpenAITestServer;
let mcp: EverythingServer;

const exact = { exact: true } as const;

test.beforeEach(async () => {
  [model, mcp] = await Promise.all([startOpenAITestServer({ respond: () => ({ kind: 'text', text: 'Read it.' }) }), startEverythingServer('streamableHttp')]);
});

test.afterEach(async () => {
  await Promise.all([model.close(), mcp.close()]);
});

/** Connects the everything server on the Tools page and comes back to the chat. */
async function connectEverything(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await page.getByLabel('MCP server URL', exact).fill(mcp.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(/Connected to everything/, { timeout: 30_000 });
}

/** The text of the last user message the model was sent. */
function lastUserText(request: RecordedRequest | undefined): string {
  const users = (request?.body.messages ?? []).filter((message) => message.role === 'user');
  return JSON.stringify(users.at(-1)?.content ?? '');
}

test('a resource attached in the composer reaches the model as a quoted, untrusted section, and stays shown after a reload', async ({ page }) => {
  test.setTimeout(150_000);
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, model.url);
  await connectEverything(page);

  // A server with resources gives the agent `read_resource`, switched on like any new tool.
  await expect(page.getByRole('checkbox', { name: 'Enable read_resource', exact: true })).toBeChecked();
  // The Tools page lists the server's resources and templates.
  await page.getByText('Resources of everything', exact).click();
  await expect(page.getByText('demo://resource/static/document/architecture.md', exact)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('form', { name: 'Resource template Dynamic Text Resource' })).toBeVisible();
  await page.getByRole('button', { name: 'Read architecture.md', exact: true }).click();
  await expect(page.getByLabel('Content of architecture.md', exact)).toContainText('Everything Server');

  await page.getByRole('link', { name: 'Chat', exact: true }).click();
  await page.getByRole('button', { name: 'Attach resource', exact: true }).click();
  const picker = page.getByRole('listbox', { name: 'Resources to attach', exact: true });
  await expect(picker).toBeFocused({ timeout: 30_000 });
  await picker.getByRole('option', { name: /^architecture\.md/ }).click();
  const chips = page.getByRole('list', { name: 'Attached resources', exact: true });
  await expect(chips).toContainText('architecture.md (from everything)');

  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Summarise the attached document.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Read it.');
  // Sent: the composer holds no attachment any more; the transcript shows what went with the message.
  await expect(page.locator('.composer').getByRole('list', { name: 'Attached resources' })).toHaveCount(0);

  const sent = lastUserText(model.requests[0]);
  expect(sent).toContain('Summarise the attached document.');
  expect(sent).toContain('<resource id=\\"1\\" title=\\"architecture.md (demo://resource/static/document/architecture.md, MCP server everything)\\" trust=\\"untrusted\\">');
  expect(sent).toContain('Everything Server');

  // The run is over, its turn saved, once Stop is disabled: a reload before that may find it unsaved.
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  await page.reload();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('Summarise the attached document.', { timeout: 30_000 });
  await expect(log.getByRole('list', { name: 'Attached resources', exact: true })).toContainText('architecture.md (from everything)');
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a prompt used as a slash command: "/" lists it, its form takes the arguments, and its text reaches the model', async ({ page }) => {
  test.setTimeout(150_000);
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, model.url);
  await connectEverything(page);
  await page.getByRole('link', { name: 'Chat', exact: true }).click();

  const box = page.getByRole('textbox', { name: 'Message', exact: true });
  await box.click();
  await box.press('/');
  await expect(page.getByRole('listbox', { name: 'Prompts', exact: true })).toBeVisible({ timeout: 30_000 });
  await box.pressSequentially('args');
  await expect(page.getByRole('option', { name: /everything:args-prompt/ })).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');

  const form = page.getByRole('form', { name: 'Prompt /everything:args-prompt', exact: true });
  await expect(form).toBeVisible();
  await form.getByRole('textbox', { name: 'city (required)', exact: true }).fill('Lyon');
  await form.getByRole('textbox', { name: 'state', exact: true }).fill('Rhône');
  await form.getByRole('button', { name: 'Insert prompt', exact: true }).click();
  await expect(box).toHaveValue("What's weather in Lyon, Rhône?");
  await expect(box).toBeFocused();

  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Read it.');
  expect(lastUserText(model.requests[0])).toContain("What's weather in Lyon, Rhône?");
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});
