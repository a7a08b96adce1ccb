import { expect, test } from '@playwright/test';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import { configureServer, isLocal, watch } from './page-watch';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let server: OpenAITestServer;

test.beforeEach(async () => {
  server = await startOpenAITestServer({ respond: () => ({ kind: 'text', text: 'A single red pixel.' }) });
});

test.afterEach(async () => {
  await server.close();
});

test('an attached image reaches the server as an image_url part, and is shown again after a reload', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, server.url);

  await page.getByLabel('Attach image', { exact: true }).setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByRole('list', { name: 'Attached images' }).getByRole('img', { name: 'pixel.png' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('What is in this picture?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('A single red pixel.');

  const user = server.requests[0]?.body.messages.findLast((message) => message.role === 'user');
  expect(user?.content).toEqual([
    { type: 'text', text: 'What is in this picture?' },
    { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` } },
  ]);
  await expect(log.getByRole('img', { name: 'pixel.png' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('img', { name: 'pixel.png' })).toBeVisible();
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});
