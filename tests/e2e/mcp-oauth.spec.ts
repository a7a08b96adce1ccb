import { expect, test } from '@playwright/test';
import { startMcpOAuthServer, type McpOAuthServer } from '../support/mcp-oauth-server';
import { isLocal } from './page-watch';

let server: McpOAuthServer;

// The service worker's install precaches every asset (hundreds of MB with Pyodide and the ONNX
// runtime): on a loaded machine that stalled the page's storage and requests for tens of seconds.
// The sign-in does not use it (vite preview serves `/?oauth=callback` as the start page too).
test.use({ serviceWorkers: 'block' });

test.beforeEach(async () => {
  // The OAuth-protected MCP server and its authorization server, in this process, on two ports of 127.0.0.1.
  server = await startMcpOAuthServer();
});

test.afterEach(async () => {
  await server.close();
});

test('signs in to an OAuth-protected MCP server in a popup, lists its tools, and signs out with revocation', async ({ page }) => {
  test.setTimeout(120_000);
  // Every request of the page and of the sign-in popup.
  const requests: string[] = [];
  page.context().on('request', (request) => requests.push(request.url()));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await page.getByLabel('MCP server URL', { exact: true }).fill(server.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  // The server answers 401 and names its authorization server: the row asks for a sign-in; nothing was registered yet.
  await expect(page.getByRole('status')).toContainText('needs you to sign in', { timeout: 30_000 });
  await expect(page.getByText('Sign-in needed', { exact: true })).toBeVisible();
  expect(server.clients.size).toBe(0);
  const signIn = page.getByRole('button', { name: `Sign in to ${server.url}`, exact: true });

  // A blocked popup: a clear message, and the same button tries again.
  await page.evaluate(() => {
    const open = window.open.bind(window);
    window.open = () => {
      window.open = open;
      return null;
    };
  });
  await signIn.click();
  await expect(page.getByRole('alert')).toContainText('The browser blocked the sign-in window');

  const [popup] = await Promise.all([page.waitForEvent('popup'), signIn.click()]);
  // Through the authorization endpoint (auto-approved) back to the app's /?oauth=callback, which closes the popup.
  await popup.waitForEvent('close', { timeout: 30_000 });
  await expect(page.getByRole('status')).toContainText('Signed in to oauth-server: 1 tools.', { timeout: 30_000 });
  await expect(page.getByText('Connected (Streamable HTTP)', { exact: true })).toBeVisible();
  await expect(page.getByText('Signed in with OAuth', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Enable oauth-server__whoami', exact: true })).toBeVisible();
  expect(server.clients.size).toBe(1);
  expect([...server.clients.values()][0]?.redirect_uris).toEqual(['http://127.0.0.1:4174/?oauth=callback']);
  expect(requests.some((url) => url.startsWith(`${server.authOrigin}/authorize?`))).toBe(true);
  expect(requests.some((url) => url.startsWith('http://127.0.0.1:4174/?oauth=callback&'))).toBe(true);

  // After a reload the saved sign-in (a secret for the server's origin) reconnects the server without a popup.
  const registered = server.clients.size;
  await page.reload();
  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  await expect(page.getByText('Signed in with OAuth', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('checkbox', { name: 'Enable oauth-server__whoami', exact: true })).toBeVisible();
  expect(server.clients.size).toBe(registered);
  const token = server.acceptedTokens.at(-1);
  expect(token).toMatch(/^at-/);

  await page.getByRole('button', { name: 'Sign out of oauth-server', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Signed out of oauth-server; its token was revoked.');
  expect(server.revoked).toContain(token);
  await expect(page.getByRole('checkbox', { name: 'Enable oauth-server__whoami', exact: true })).toHaveCount(0);
  await expect(page.getByText('Disconnected', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in to oauth-server', exact: true })).toBeVisible();

  expect(requests.filter((url) => !url.startsWith('about:') && !isLocal(url))).toEqual([]);
  expect(errors).toEqual([]);
});
