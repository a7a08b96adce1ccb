import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { expect, test, type BrowserContext } from '@playwright/test';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../fixtures/make-tiny-llm';
import { isLocal, watch } from './page-watch';

/**
 * Serves the generated model folders under /test-models/ on the app's own origin, as a site
 * hosting its models would (transformers.js loads model URLs only from the page's origin).
 * Workers' requests go through the context's routes too.
 */
async function serveModels(context: BrowserContext): Promise<void> {
  await context.route('**/test-models/**', async (route) => {
    const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/test-models\//, '')));
    const file = join(GENERATED_MODELS_DIR, path);
    if (!file.startsWith(GENERATED_MODELS_DIR) || !existsSync(file) || !statSync(file).isFile()) {
      await route.fulfill({ status: 404, body: 'not found' });
      return;
    }
    await route.fulfill({ path: file, contentType: file.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
  });
}

test.beforeAll(() => {
  makeTinyLlm();
});

test('first start offers a local model and the Models page explains this device', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Connect a model' })).toBeVisible();
  // SwiftShader is a software adapter: the welcome recommends a transformers.js model on the processor.
  await expect(page.getByText(/Here it runs on the processor/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Download .*\(ONNX\)/ })).toBeVisible();
  // Once the welcome is put away, the offer under the chat says the same (it is not shown twice).
  await page.getByRole('button', { name: 'Not now', exact: true }).click();
  await expect(page.getByText(/runs on WASM via transformers\.js/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Use .*\(ONNX\)$/ })).toBeVisible();

  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Models' });
  await expect(dialog.getByText(/software adapter/)).toBeVisible();
  const f16 = dialog.getByRole('listitem', { name: 'Qwen2.5 1.5B Instruct', exact: true });
  await expect(f16).toContainText('needs shader-f16, which this GPU lacks');
  await expect(dialog.getByRole('button', { name: 'Keep models (persistent storage)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('downloads a model from a URL on this site with progress, uses it, and chats with it', async ({ page, context }) => {
  test.setTimeout(180_000);
  await serveModels(context);
  const seen = watch(page);
  await page.goto('/');
  const modelUrl = new URL(`/test-models/${TINY_LLM_ID}`, page.url()).href;
  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Models' });
  await dialog.getByLabel('Model id or URL').fill(modelUrl);
  await dialog.getByLabel('transformers.js runs on').selectOption('wasm');
  await dialog.getByRole('button', { name: 'Download this model' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`${TINY_LLM_ID} is ready.`, { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Use this model' }).click();
  await expect(dialog.getByText(`In use: ${TINY_LLM_ID}.`)).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // Random weights write random words; what matters is that they stream in and the run ends.
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled({ timeout: 120_000 });
  await expect(log).not.toContainText('No model is connected');
  expect(((await log.textContent()) ?? '').length).toBeGreaterThan('Hello'.length);

  expect(seen.requests.some((url) => url.startsWith(`${modelUrl}/onnx/`))).toBe(true);
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});
