import { expect, test } from '@playwright/test';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import { CALCULATOR_QUESTION, calculatorScript } from '../support/calculator-script';
import { configureServer, watch } from './page-watch';

let server: OpenAITestServer;

test.beforeEach(async () => {
  server = await startOpenAITestServer({ respond: calculatorScript });
});

test.afterEach(async () => {
  await server.close();
});

test('the built app runs a chat turn with tool calls under its Content-Security-Policy without a violation', async ({ page }) => {
  // Collected in the page from the first script on: every CSP violation fires this event.
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const seen = watch(page);
  const response = await page.goto('/');
  // The preview server sends the policy as a header too, with frame-ancestors.
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(meta).not.toContain("'unsafe-eval'");

  await configureServer(page, server.url);
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(CALCULATOR_QUESTION);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // Each call's arguments were validated (against the calculator's schema) before it ran.
  await expect(page.getByRole('article', { name: 'Tool call: calculator' })).toHaveCount(2);
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('37');

  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toEqual([]);
  expect(seen.errors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);

  // Last, proof that the policy is enforced at all (page.evaluate itself is exempt from it): an
  // injected inline script does not run, and is reported as a violation.
  const inlineRan = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
  });
  expect(inlineRan).toBe(false);
  const reported = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(reported.some((violation) => violation.startsWith('script-src'))).toBe(true);
});
