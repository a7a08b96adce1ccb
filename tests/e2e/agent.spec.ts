import { expect, test, type Page } from '@playwright/test';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import { CALCULATOR_QUESTION, calculatorScript } from '../support/calculator-script';

/** Records every request the page makes and every console error it logs. */
function watch(page: Page): { requests: string[]; errors: string[] } {
  const seen = { requests: [] as string[], errors: [] as string[] };
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

async function configure(page: Page, baseUrl: string, toolMode?: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Base URL', { exact: true }).fill(baseUrl);
  await dialog.getByLabel('Model', { exact: true }).fill('test-model');
  if (toolMode) await dialog.getByLabel('Tool calls', { exact: true }).selectOption(toolMode);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

let server: OpenAITestServer;

test.beforeEach(async () => {
  server = await startOpenAITestServer({ respond: calculatorScript });
});

test.afterEach(async () => {
  await server.close();
});

for (const toolMode of ['native', 'hermes'] as const) {
  test(`answers a two-step calculator question through the agent loop (${toolMode} tool calls)`, async ({ page }) => {
    const seen = watch(page);
    await page.goto('/');
    await configure(page, server.url, toolMode === 'native' ? undefined : toolMode);

    await page.getByRole('textbox', { name: 'Message', exact: true }).fill(CALCULATOR_QUESTION);
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const cards = page.getByRole('article', { name: 'Tool call: calculator' });
    await expect(cards).toHaveCount(2);
    const log = page.getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText('37');
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();

    // The model saw both results: 30, then 37.
    expect(server.requests).toHaveLength(3);
    const lastBody = JSON.stringify(server.requests[2]?.body.messages);
    expect(lastBody).toContain('30');
    expect(lastBody).toContain('37');
    if (toolMode === 'native') expect(server.requests[0]?.body.tools).toBeDefined();
    else expect(server.requests[0]?.body.tools).toBeUndefined();

    // The cards show their results.
    await cards.nth(1).getByRole('button', { expanded: false }).first().click();
    await expect(cards.nth(1)).toContainText('37');

    expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}

test('settings persist across a reload', async ({ page }) => {
  await page.goto('/');
  await configure(page, server.url);
  await page.reload();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('dialog').getByLabel('Base URL', { exact: true })).toHaveValue(server.url);
  await expect(page.getByRole('dialog').getByLabel('Model', { exact: true })).toHaveValue('test-model');
});
