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

test('a conversation survives a reload, and the list switches, renames and deletes', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, server.url);

  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(CALCULATOR_QUESTION);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const log = page.getByRole('log', { name: 'Conversation' });
  const cards = page.getByRole('article', { name: 'Tool call: calculator' });
  await expect(cards).toHaveCount(2);
  await expect(log).toContainText('37');
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();

  await page.reload();
  await expect(cards).toHaveCount(2);
  await expect(log).toContainText(CALCULATOR_QUESTION);
  await expect(log).toContainText('37');
  await cards.nth(1).getByRole('button', { expanded: false }).first().click();
  await expect(cards.nth(1)).toContainText('37');

  const nav = page.getByRole('navigation', { name: 'Conversations' });
  const entries = nav.getByRole('listitem');
  await expect(entries).toHaveCount(1);
  // Named by its first message, so it stays found when a newer conversation moves above it.
  const first = nav.getByRole('button', { name: CALCULATOR_QUESTION, exact: true });
  await expect(first).toHaveAttribute('aria-current', 'page');

  await nav.getByRole('button', { name: 'New conversation', exact: true }).click();
  await expect(cards).toHaveCount(0);
  await expect(entries).toHaveCount(2);

  await first.click();
  await expect(cards).toHaveCount(2);
  await expect(first).toHaveAttribute('aria-current', 'page');

  await nav.getByRole('button', { name: `Rename ${CALCULATOR_QUESTION}`, exact: true }).click();
  await nav.getByRole('textbox', { name: 'Conversation title' }).fill('Arithmetic');
  await page.keyboard.press('Enter');
  const renamed = nav.getByRole('button', { name: 'Arithmetic', exact: true });
  await expect(renamed).toBeVisible();

  await nav.getByRole('button', { name: 'Delete Arithmetic', exact: true }).click();
  await nav.getByRole('button', { name: 'Confirm delete', exact: true }).click();
  await expect(renamed).toHaveCount(0);
  await expect(cards).toHaveCount(0);
  await expect(entries).toHaveCount(1);

  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});
