import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
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

/** Waits until the service worker is activated (its precache was complete before it could activate). */
async function serviceWorkerReady(page: Page): Promise<void> {
  const state = await page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
    return worker?.state;
  });
  expect(state).toBe('activated');
}

/** Every URL path in the service worker's precache. */
async function precachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

test('load, go offline, reload: the app and a stored conversation are there', async ({ page, context }) => {
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
  await serviceWorkerReady(page);

  await context.setOffline(true);
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(log).toContainText(CALCULATOR_QUESTION);
  await expect(log).toContainText('37');
  await expect(cards).toHaveCount(2);
  const nav = page.getByRole('navigation', { name: 'Conversations' });
  await expect(nav.getByRole('button', { name: CALCULATOR_QUESTION, exact: true })).toBeVisible();
  // Settings came back from IndexedDB too.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('dialog').getByLabel('Base URL', { exact: true })).toHaveValue(server.url);
  await page.keyboard.press('Escape');
  // Every page loads its code on first visit; offline it comes from the precache.
  const links = page.getByRole('navigation', { name: 'Pages' }).getByRole('link');
  const count = await links.count();
  for (let index = 1; index < count; index += 1) {
    await links.nth(index).click();
    const pageMain = page.locator('main.app-page');
    await expect(pageMain).toBeVisible();
    await expect(pageMain).not.toContainText('Loading…');
    await expect(pageMain).not.toContainText('This page could not be loaded');
    expect(((await pageMain.textContent()) ?? '').trim().length).toBeGreaterThan(0);
  }
  await links.first().click();
  // A second offline reload works as well (everything came from the cache, not a lucky HTTP cache).
  await page.reload();
  await expect(log).toContainText('37');

  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('precaches the shell, lazy chunks and the transformers.js worker; leaves the big model runtimes to first use', async ({ page }) => {
  await page.goto('/');
  await serviceWorkerReady(page);
  const paths = await precachedPaths(page);
  const entry = await page.evaluate(() => new URL((document.querySelector('script[type="module"]') as HTMLScriptElement).src).pathname);
  expect(paths).toContain('/index.html');
  expect(paths).toContain(entry);
  expect(paths).toContain('/manifest.webmanifest');
  expect(paths.some((path) => /^\/assets\/calculate-[\w-]+\.js$/.test(path))).toBe(true);
  expect(paths.some((path) => /^\/assets\/llm\.worker-[\w-]+\.js$/.test(path))).toBe(true);
  expect(paths.some((path) => path.endsWith('.map'))).toBe(false);
  // The big runtimes (web-llm's library, which its small worker imports; onnxruntime's WASM) are not downloaded up front.
  expect(paths).not.toContain(new URL(await webllmRuntimeUrl(page)).pathname);
  expect(paths.some((path) => /ort-wasm[^/]*\.wasm$/.test(path))).toBe(false);
});

/**
 * web-llm's 6 MB library, as the page would fetch it: the entry chunk names the web-llm worker, and
 * the worker imports the library chunk on first use.
 */
async function webllmRuntimeUrl(page: Page): Promise<string> {
  const workerPath = await page.evaluate(async () => {
    const entry = (document.querySelector('script[type="module"]') as HTMLScriptElement).src;
    const source = await (await fetch(entry)).text();
    return /\/?assets\/webllm\.worker-[\w-]+\.js/.exec(source)?.[0] ?? /webllm\.worker-[\w-]+\.js/.exec(source)?.[0];
  });
  expect(workerPath).toBeTruthy();
  const workerUrl = new URL(workerPath!.includes('/') ? workerPath! : `/assets/${workerPath}`, page.url()).href;
  const library = await page.evaluate(async (target) => /import\(`\.\/([\w.-]+\.js)`\)/.exec(await (await fetch(target)).text())?.[1], workerUrl);
  expect(library).toBeTruthy();
  return new URL(library!, workerUrl).href;
}

test('a model runtime too big to precache is cached on first use and then served offline', async ({ page, context }) => {
  await page.goto('/');
  await serviceWorkerReady(page);
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const url = await webllmRuntimeUrl(page);
  const size = await page.evaluate(async (target) => (await (await fetch(target)).arrayBuffer()).byteLength, url);
  expect(size).toBeGreaterThan(3 * 1024 * 1024);
  // Workbox writes the cache after answering, so wait for it.
  await expect
    .poll(() => page.evaluate(async (target) => (await (await caches.open('tabagent-large-assets')).match(target)) !== undefined, url))
    .toBe(true);
  await context.setOffline(true);
  const offlineSize = await page.evaluate(async (target) => (await (await fetch(target)).arrayBuffer()).byteLength, url);
  expect(offlineSize).toBe(size);
});

test('is installable: the manifest names the app and its icons, and Chromium reports no installability errors', async ({ baseURL }) => {
  // Chromium never offers to install from an off-the-record profile (Playwright's default
  // contexts are), so this test runs in a real profile in a temporary folder.
  const { launchOptions } = test.info().project.use;
  const profile = mkdtempSync(join(tmpdir(), 'tabagent-install-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL, locale: 'en-US' });
  try {
    await checkInstallable(context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

async function checkInstallable(page: Page): Promise<void> {
  const seen = watch(page);
  await page.goto('/');
  await serviceWorkerReady(page);
  await page.reload();
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  const parsed = JSON.parse(manifest.data ?? '{}') as {
    name: string;
    short_name: string;
    display: string;
    start_url: string;
    icons: Array<{ src: string; sizes: string; purpose?: string }>;
  };
  expect(parsed).toMatchObject({ name: 'Tabagent', short_name: 'Tabagent', display: 'standalone', start_url: '/' });
  const sizes = parsed.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of parsed.icons) {
    const response = await page.request.get(new URL(icon.src, page.url()).href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('image/png');
  }
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
}
