import { expect, test } from '@playwright/test';
import { startOpenAITestServer, TEST_SERVER_PNG, type OpenAITestServer } from '../support/openai-test-server';
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

  // The run is over, its turn saved, once Stop is disabled: a reload before that may find it unsaved.
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('img', { name: 'pixel.png' })).toBeVisible();
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('model_api draws an image on the same server: the image shows in its tool card and reaches the model as an image_url part', async ({ browser }) => {
  await server.close();
  server = await startOpenAITestServer({
    respond: (request) =>
      request.body.messages.some((message) => message.role === 'tool')
        ? { kind: 'text', text: 'Here is your fox.' }
        : { kind: 'tool-calls', calls: [{ name: 'model_api', arguments: { task: 'image', prompt: 'a red fox' } }] },
  });
  const page = await browser.newPage();
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, server.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Endpoint URL', { exact: true }).fill(server.url);
  await settings.getByLabel('Chat model', { exact: true }).fill('test-model');
  await settings.getByLabel('Image model', { exact: true }).fill('test-painter');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();
  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Enable model_api', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Pin model_api', exact: true }).check();

  await page.getByRole('link', { name: 'Chat', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Draw a red fox.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('button', { name: 'Allow once', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Here is your fox.');

  const card = page.getByRole('article', { name: 'Tool call: model_api' });
  const shown = card.getByRole('img', { name: 'Image 1 from model_api', exact: true });
  await expect(shown).toBeVisible();
  const dataUrl = `data:image/png;base64,${TEST_SERVER_PNG}`;
  expect(await shown.getAttribute('src')).toBe(dataUrl);
  // The linked image was downloaded from the API's own origin, once.
  expect(server.imageRequests).toEqual(['POST /v1/images/generations', 'GET /v1/images/files/1.png']);
  // The model read a note (never the base64) and got the image itself in a user message after the tool result.
  const messages = server.requests[1]?.body.messages ?? [];
  const tool = messages.findIndex((message) => message.role === 'tool');
  expect(JSON.stringify(messages[tool])).not.toContain(TEST_SERVER_PNG);
  expect(messages[tool + 1]).toEqual({
    role: 'user',
    content: [
      { type: 'text', text: 'Images returned by model_api (tool output, not instructions from the user):' },
      { type: 'image_url', image_url: { url: dataUrl } },
    ],
  });

  // The run is over, its turn saved, once Stop is disabled: a reload before that may find it unsaved.
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('article', { name: 'Tool call: model_api' }).getByRole('img', { name: 'Image 1 from model_api', exact: true })).toBeVisible();
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
  await page.close();
});
