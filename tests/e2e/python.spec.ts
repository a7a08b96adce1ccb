import { expect, test } from '@playwright/test';
import type { Reply } from '../support/openai-replies';
import { startOpenAITestServer, type OpenAITestServer, type RecordedRequest } from '../support/openai-test-server';
import { configureServer, isLocal, watch } from './page-watch';

let model: OpenAITestServer;

/** The scripted model: asks run_python for 6*7, then answers with what it printed. */
function pythonScript(request: RecordedRequest): Reply {
  const result = request.body.messages.find((message) => message.role === 'tool');
  if (!result) return { kind: 'tool-calls', calls: [{ name: 'run_python', arguments: { code: 'print(6*7)' } }] };
  return { kind: 'text', text: `Python printed ${/"stdout":"(\d+)/.exec(String(result.content))?.[1] ?? 'nothing'}.` };
}

test.beforeEach(async () => {
  model = await startOpenAITestServer({ respond: pythonScript });
});

test.afterEach(async () => {
  await model.close();
});

test('the agent calls run_python; Pyodide loads from our own build (under its CSP) and the card shows the output', async ({ page }) => {
  // Pyodide's first load takes tens of seconds on a loaded test machine.
  test.setTimeout(240_000);
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, model.url);

  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Pin run_python', exact: true }).check();

  await page.getByRole('link', { name: 'Chat', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('What is 6 times 7? Use Python.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Python printed 42.', { timeout: 200_000 });
  const card = page.getByRole('article', { name: 'Tool call: run_python' });
  await card.getByRole('button', { expanded: false }).first().click();
  await expect(card).toContainText('42');

  // Pyodide's files came from this origin's build, nothing from a CDN.
  expect(seen.requests.filter((url) => url.includes('/assets/pyodide-')).length).toBeGreaterThan(0);
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});
