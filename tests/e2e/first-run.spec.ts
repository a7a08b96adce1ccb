import { expect, test, type Locator, type Page } from '@playwright/test';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import { CALCULATOR_QUESTION, calculatorScript } from '../support/calculator-script';
import { isLocal, watch } from './page-watch';

let server: OpenAITestServer;

test.beforeEach(async () => {
  server = await startOpenAITestServer({ respond: calculatorScript });
});

test.afterEach(async () => {
  await server.close();
});

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, at most `limit` times, checking that every
 * control on the way shows a visible focus ring.
 */
async function tabTo(page: Page, target: Locator, { limit = 40, backwards = false } = {}): Promise<void> {
  for (let step = 0; step < limit; step += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const ring = await page.evaluate(() => {
      const element = document.activeElement;
      // Past the last control focus leaves the page (the browser's own UI), shown here as the body.
      if (!element || element === document.body) return 'page end';
      const style = getComputedStyle(element);
      return `${style.outlineStyle} ${style.outlineWidth} ${element.outerHTML.slice(0, 80)}`;
    });
    expect(ring, 'every focused control shows a focus ring').toMatch(/^(solid|auto) [1-9]|^page end$/);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('keyboard only: from the welcome to a working chat with a server', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  const welcome = page.getByRole('region', { name: 'Welcome to Tabagent' });
  await expect(welcome).toBeVisible();
  // The device check ran (SwiftShader here: a software adapter, so the CPU), and a download is only offered.
  await expect(welcome.getByText(/^Graphics: WebGPU is only emulated on the processor/)).toBeVisible();
  await expect(welcome.getByText(/^Storage: ~[\d.]+ [GM]B free for this site/)).toBeVisible();
  await expect(welcome.getByRole('button', { name: /^Download .+ \(~[\d.]+ [GM]B\)$/ })).toBeVisible();
  await expect(welcome.getByRole('heading', { name: 'What stays on this device' })).toBeVisible();

  await tabTo(page, welcome.getByRole('button', { name: 'Connect a server', exact: true }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByLabel('Base URL', { exact: true }));
  await page.keyboard.type(server.url);
  await page.keyboard.press('Tab');
  await page.keyboard.type('test-model');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(welcome).toBeHidden();

  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  await expect(message).toBeFocused();
  await page.keyboard.type(CALCULATOR_QUESTION);
  await page.keyboard.press('Enter');
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(page.getByRole('article', { name: 'Tool call: calculator' })).toHaveCount(2);
  await expect(log).toContainText('37');
  // Open a tool card from the keyboard too.
  await tabTo(page, page.getByRole('article', { name: 'Tool call: calculator' }).nth(1).getByRole('button', { name: 'Details' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Tool call: calculator' }).nth(1)).toContainText('37');

  // Nothing was downloaded: no model files, and every request stayed on this machine.
  expect(seen.requests.filter((url) => /\.onnx|\.wasm|webllm\.worker|huggingface/.test(url))).toEqual([]);
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('"Not now" puts the welcome away for good', async ({ page }) => {
  await page.goto('/');
  const welcome = page.getByRole('region', { name: 'Welcome to Tabagent' });
  await tabTo(page, welcome.getByRole('button', { name: 'Not now', exact: true }), { limit: 60 });
  await page.keyboard.press('Enter');
  await expect(welcome).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Connect a model' })).toBeVisible();
  await expect(welcome).toHaveCount(0);
});

test('readable at phone width, in the light and the dark theme', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Welcome to Tabagent' })).toBeVisible();
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return { background: style.backgroundColor, text: style.color };
    });
    const luminance = (rgb: string): number => {
      const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    if (colorScheme === 'dark') expect(luminance(colours.background)).toBeLessThan(0.2);
    else expect(luminance(colours.background)).toBeGreaterThan(0.8);
    expect(Math.abs(luminance(colours.background) - luminance(colours.text))).toBeGreaterThan(0.6);
    // The composer's buttons stay on screen.
    const send = await page.getByRole('button', { name: 'Send', exact: true }).boundingBox();
    expect(send && send.x + send.width).toBeLessThanOrEqual(360);
  }
});
