import { expect, test, type Page } from '@playwright/test';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import { CALCULATOR_QUESTION, calculatorScript } from '../support/calculator-script';
import { isLocal, watch } from './page-watch';

const API_KEY = 'sk-e2e-CANARY-3b9d7f';
let server: OpenAITestServer;

test.beforeEach(async () => {
  server = await startOpenAITestServer({ respond: calculatorScript, apiKey: API_KEY });
});

test.afterEach(async () => {
  await server.close();
});

/** The ledger's rows as the Network page shows them: [origin cell text, method, status cell]. */
async function ledgerRows(page: Page): Promise<{ url: string; method: string; status: string; requester: string }[]> {
  return page.locator('.network-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td');
      return {
        url: row.querySelector('.network-url')?.textContent ?? '',
        method: cells[2]?.textContent ?? '',
        requester: cells[4]?.textContent ?? '',
        status: cells[5]?.textContent ?? '',
      };
    }),
  );
}

test('the Network page lists every request the app made, and the key went only to its server', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  const appOrigin = new URL(page.url()).origin;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Base URL', { exact: true }).fill(server.url);
  await dialog.getByLabel('Model', { exact: true }).fill('test-model');
  await dialog.getByLabel('API key', { exact: true }).fill(API_KEY);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(CALCULATOR_QUESTION);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('adding 7 gives 37');
  // The server checked the key on every request: the door filled in the placeholder.
  expect(server.requests).toHaveLength(3);

  // Anything in the page that calls fetch goes through the door: an origin nobody granted is blocked.
  const blocked = await page.evaluate(() =>
    fetch('http://127.0.0.1:9/collect?token=abc').then(
      () => 'sent',
      (error: unknown) => String((error as { code?: unknown }).code),
    ),
  );
  expect(blocked).toBe('network-blocked');

  await page.getByRole('link', { name: 'Network', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Network', level: 2 })).toBeVisible();
  await expect(page.locator('.network-table tbody tr')).toHaveCount(4);

  const outside = seen.requests.filter((url) => new URL(url).origin !== appOrigin);
  const rows = await ledgerRows(page);
  const allowed = rows.filter((row) => !row.status.startsWith('Blocked'));
  // Every request the page made beyond its own files is listed, and nothing else is.
  expect(allowed.map((row) => row.url).sort()).toEqual([...outside].sort());
  expect(allowed.every((row) => row.method === 'POST' && row.status === '200' && row.requester === 'engine')).toBe(true);
  expect(rows.filter((row) => row.status.startsWith('Blocked')).map((row) => row.url)).toEqual(['http://127.0.0.1:9/collect?token=[redacted]']);
  expect(seen.requests.some((url) => url.startsWith('http://127.0.0.1:9/'))).toBe(false);

  // The key is listed by label only, never by value.
  await expect(page.getByText('Engine API key (Settings)')).toBeVisible();
  expect(await page.content()).not.toContain(API_KEY);

  // The ledger is kept: after a reload it is still there.
  await page.reload();
  await expect(page.locator('.network-table tbody tr')).toHaveCount(4);
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors.filter((error) => !/network-blocked|127\.0\.0\.1:9/.test(error))).toEqual([]);
});
