import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import { configureServer, watch } from './page-watch';

let server: OpenAITestServer;

test.beforeEach(async () => {
  server = await startOpenAITestServer({ respond: (_request, index) => ({ kind: 'text', text: `Answer number ${index}.` }) });
});

test.afterEach(async () => {
  await server.close();
});

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/**
 * Starts a conversation in `page` (one question, one answer), then opens three more tabs, each on
 * that conversation (the app opens the latest one). Returns the three new tabs.
 */
async function openFourTabs(page: Page, context: BrowserContext): Promise<Page[]> {
  await page.goto('/');
  await configureServer(page, server.url);
  await send(page, 'First question');
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Answer number 0.');
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  const others: Page[] = [];
  for (let index = 0; index < 3; index += 1) {
    const tab = await context.newPage();
    await tab.goto('/');
    await expect(tab.getByRole('log', { name: 'Conversation' })).toContainText('Answer number 0.');
    others.push(tab);
  }
  return others;
}

/**
 * RELIABILITY.md, several tabs: "one agent run per request". Four tabs of the app show one
 * conversation (they share IndexedDB and hear each other's changes); a message sent in one of
 * them makes exactly one engine request, and every tab ends up with the answer stored once.
 */
test('four tabs on one conversation: a message sent in one tab makes exactly one engine request', async ({ page, context }) => {
  const seen = watch(page);
  const others = await openFourTabs(page, context);
  const tabs = [page, ...others];
  expect(server.requests).toHaveLength(1);

  // The third tab sends while all four are open on the conversation.
  const sender = others[1]!;
  await send(sender, 'Second question');
  await expect(sender.getByRole('log', { name: 'Conversation' })).toContainText('Answer number 1.');
  await expect(sender.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  // Give a tab that would (wrongly) start its own run on hearing the new message time to do so.
  await page.waitForTimeout(1_500);
  expect(server.requests).toHaveLength(2);
  expect(server.requests[1]?.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'Second question' });

  // Every tab, read back from storage, holds the answer once.
  for (const tab of tabs) {
    await tab.reload();
    const log = tab.getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText('Answer number 1.');
    expect(((await log.textContent()) ?? '').split('Answer number 1.').length - 1).toBe(1);
  }
  expect(server.requests).toHaveLength(2);
  expect(seen.errors).toEqual([]);
});

/** Every message stored once: the question sent from another tab is in the conversation exactly once after a reload. */
test('four tabs on one conversation: the question sent from the third tab is stored once', async ({ page, context }) => {
  const others = await openFourTabs(page, context);
  const sender = others[1]!;
  await send(sender, 'Second question');
  await expect(sender.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  await expect(sender.getByRole('log', { name: 'Conversation' })).toContainText('Answer number 1.');
  await page.waitForTimeout(1_000);
  await page.reload();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('Answer number 1.');
  expect(((await log.textContent()) ?? '').split('Second question').length - 1).toBe(1);
});
