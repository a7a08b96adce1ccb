import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Reply } from '../support/openai-replies';
import { startOpenAITestServer, type OpenAITestServer, type RecordedRequest } from '../support/openai-test-server';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { configureServer, isLocal, watch } from './page-watch';

const PETSTORE = readFileSync(new URL('../fixtures/openapi/petstore-3.0.json', import.meta.url), 'utf8');

let model: OpenAITestServer;
let api: RecordingServer;

/** The scripted model: looks pet 7 up, then answers with its name. */
function petScript(request: RecordedRequest): Reply {
  const result = request.body.messages.find((message) => message.role === 'tool');
  if (!result) return { kind: 'tool-calls', calls: [{ name: 'getPetById', arguments: { petId: 7 } }] };
  return { kind: 'text', text: `Pet 7 is called ${/"name":"([^"]+)"/.exec(String(result.content))?.[1] ?? 'unknown'}.` };
}

test.beforeEach(async () => {
  model = await startOpenAITestServer({ respond: petScript });
  // Stands in for petstore3.swagger.io: serves the published document and answers the API.
  api = await startRecordingServer({
    files: { '/api/v3/openapi.json': { contentType: 'application/json', body: PETSTORE } },
    respond: (request) => (request.path === '/api/v3/pet/7' ? { body: { id: 7, name: 'Rex', photoUrls: [], status: 'available' } } : undefined),
  });
});

test.afterEach(async () => {
  await Promise.all([model.close(), api.close()]);
});

test('imports the Petstore from a URL, and the agent calls an operation against the API’s own server', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, model.url);

  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await page.getByLabel('OpenAPI document URL', { exact: true }).fill(`${api.origin}/api/v3/openapi.json`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByText('19 operations (OpenAPI 3.0)', { exact: true })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Add 19 tools', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Added 19 tools.');
  await page.getByRole('checkbox', { name: 'Pin getPetById', exact: true }).check();

  await page.getByRole('link', { name: 'Chat', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('What is the name of pet 7?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Pet 7 is called Rex.');
  const card = page.getByRole('article', { name: 'Tool call: getPetById' });
  await card.getByRole('button', { expanded: false }).first().click();
  await expect(card).toContainText('Rex');

  expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v3/pet/7']);
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});
