import { afterEach, describe, expect, it } from 'vitest';
import { createToolExecutor } from '../../../../src/tools/executor';
import { McpServerManager } from '../../../../src/tools/mcp/mcp-server-manager';
import { createMemoryServerStore } from '../../../../src/tools/mcp/server-store';
import { createMcpServerOAuth, createMemoryOAuthStore, parseOAuthRedirect, type OAuthRedirect, type SignInWindow } from '../../../../src/tools/mcp/oauth';
import { ToolRegistry } from '../../../../src/tools/registry';
import { startMcpOAuthServer, type McpOAuthServer, type McpOAuthServerOptions } from '../../../support/mcp-oauth-server';

const REDIRECT = 'http://app.test/?oauth=callback';
const servers: McpOAuthServer[] = [];
const managers: McpServerManager[] = [];

afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The person's browser: the authorization page auto-approves, and the redirect is read back from its Location. */
function followingWindow(): SignInWindow & { opened: URL[] } {
  const opened: URL[] = [];
  return {
    opened,
    open: (url) => void opened.push(url),
    async waitForRedirect(): Promise<OAuthRedirect> {
      const url = opened.at(-1);
      if (!url) throw new Error('no authorization page was opened');
      const response = await fetch(url, { redirect: 'manual' });
      return parseOAuthRedirect(response.headers.get('location') ?? '')!;
    },
  };
}

async function setUp(options: McpOAuthServerOptions = {}) {
  const server = await startMcpOAuthServer(options);
  servers.push(server);
  const registry = new ToolRegistry();
  const tokens = createMemoryOAuthStore();
  const saved = createMemoryServerStore();
  let id = 0;
  const manager = new McpServerManager({
    registry,
    store: saved,
    createId: () => `server-${(id += 1)}`,
    oauth: createMcpServerOAuth({ store: tokens, redirectUrl: REDIRECT }),
  });
  managers.push(manager);
  return { server, registry, tokens, saved, manager, executor: createToolExecutor(registry) };
}

/** The MCP server manager with OAuth: what the Tools page's Sign in / Sign out buttons drive. */
describe('MCP server manager with OAuth sign-in', { timeout: 30_000 }, () => {
  it('keeps a server that needs a sign-in, signs in, refreshes an expired token without the person, and signs out with revocation', async () => {
    const { server, registry, tokens, saved, manager, executor } = await setUp();

    // Connecting answers 401: the server is kept, saying a sign-in is needed; nothing was opened or registered.
    const added = await manager.add({ url: server.url, name: 'secure' });
    expect(added).toMatchObject({ state: 'error', oauth: { signedIn: false, registration: 'dynamic' }, tools: [] });
    expect(added.error).toMatchObject({ code: 'auth', message: expect.stringContaining('Sign in to secure') });
    expect(saved.saved.get(added.id)?.url).toBe(server.url);
    expect(server.clients.size).toBe(0);
    expect(tokens.states.size).toBe(0);

    const window = followingWindow();
    const signedIn = await manager.signIn(added.id, window);
    expect(window.opened).toHaveLength(1);
    expect(signedIn).toMatchObject({ state: 'connected', tools: ['secure__whoami'], oauth: { signedIn: true, registration: 'dynamic' } });
    expect(signedIn.error).toBeUndefined();
    const [client] = server.clients.values();
    const first = await executor.execute({ id: 'c1', name: 'secure__whoami', arguments: {} });
    expect(first).toMatchObject({ isError: false, content: `signed in as ${client!.client_id}` });

    // The access token expires during the session: the next call refreshes it; no page is opened.
    const before = tokens.states.get(added.id)!.tokens!.access_token;
    server.expireAccessTokens();
    const second = await executor.execute({ id: 'c2', name: 'secure__whoami', arguments: {} });
    expect(second).toMatchObject({ isError: false, content: `signed in as ${client!.client_id}` });
    expect(server.refreshes).toBe(1);
    expect(tokens.states.get(added.id)!.tokens!.access_token).not.toBe(before);
    expect(window.opened).toHaveLength(1);

    const held = tokens.states.get(added.id)!.tokens!;
    await expect(manager.signOut(added.id)).resolves.toEqual({ revoked: true });
    expect(server.revoked).toEqual(expect.arrayContaining([held.access_token, held.refresh_token]));
    expect(tokens.states.has(added.id)).toBe(false);
    expect(manager.statuses()[0]).toMatchObject({ state: 'disconnected', enabled: false, tools: [], oauth: { signedIn: false } });
    expect(registry.has('secure__whoami')).toBe(false);

    // Connecting again without a sign-in opens nothing and asks for the sign-in again.
    await expect(manager.reconnect(added.id)).rejects.toMatchObject({ code: 'auth', data: { reason: 'sign-in-required' } });
    expect(window.opened).toHaveLength(1);
  });

  it('a sign-in that can no longer be refreshed makes the next connection ask for a sign-in, opening nothing', async () => {
    const { server, manager } = await setUp();
    const added = await manager.add({ url: server.url, name: 'secure' });
    const window = followingWindow();
    await manager.signIn(added.id, window);
    await manager.disconnect(added.id);
    // The app's access was revoked elsewhere: neither the access nor the refresh token works.
    server.forgetTokens();
    await expect(manager.reconnect(added.id)).rejects.toMatchObject({ code: 'auth', data: { reason: 'sign-in-required' } });
    expect(manager.statuses()[0]).toMatchObject({ state: 'error', oauth: { signedIn: false, registration: 'dynamic' } });
    expect(window.opened).toHaveLength(1);
    // A new sign-in brings it back.
    await expect(manager.signIn(added.id, window)).resolves.toMatchObject({ state: 'connected', oauth: { signedIn: true } });
  });

  it('a server without dynamic registration asks for a client ID; with it, the sign-in works and the ID is saved', async () => {
    const { server, saved, manager } = await setUp({
      dynamicRegistration: false,
      preRegistered: [{ client_id: 'typed-client', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }],
    });
    const added = await manager.add({ url: server.url, name: 'manual' });
    expect(added.oauth).toEqual({ signedIn: false, registration: 'manual', redirectUrl: REDIRECT });
    expect(added.error?.message).toMatch(/OAuth client ID/);

    const window = followingWindow();
    const missing = await manager.signIn(added.id, window).catch((error: unknown) => error);
    expect(missing).toMatchObject({ code: 'auth', data: { reason: 'client-id-required' } });
    expect(window.opened).toHaveLength(0);

    const signedIn = await manager.signIn(added.id, window, 'typed-client');
    expect(signedIn).toMatchObject({ state: 'connected', tools: ['manual__whoami'], oauth: { signedIn: true, registration: 'manual', clientId: 'typed-client' } });
    expect(window.opened[0]?.searchParams.get('client_id')).toBe('typed-client');
    expect(saved.saved.get(added.id)?.oauthClientId).toBe('typed-client');
  });

  it('a 401 from a server without OAuth metadata stays the auth-header error, and nothing is kept', async () => {
    const { manager } = await setUp();
    const { createServer } = await import('node:http');
    const plain = createServer((_request, response) => void response.writeHead(401, { 'Access-Control-Allow-Origin': '*' }).end('no'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const address = plain.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/mcp`;
    try {
      await expect(manager.add({ url })).rejects.toMatchObject({ code: 'auth', message: expect.stringMatching(/auth header/) });
      expect(manager.statuses()).toEqual([]);
    } finally {
      plain.closeAllConnections();
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});
