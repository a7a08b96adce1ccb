import { expect, test } from '@playwright/test';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import { CALCULATOR_QUESTION, calculatorScript } from '../support/calculator-script';
import { configureServer, isLocal, watch } from './page-watch';

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
    await configureServer(page, server.url, toolMode === 'native' ? undefined : toolMode);

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
  await configureServer(page, server.url);
  await page.reload();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('dialog').getByLabel('Base URL', { exact: true })).toHaveValue(server.url);
  await expect(page.getByRole('dialog').getByLabel('Model', { exact: true })).toHaveValue('test-model');
});
