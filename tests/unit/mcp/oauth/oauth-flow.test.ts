import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpConnection } from '../../../../src/tools/mcp/mcp-connection';
import { createServerFetch } from '../../../../src/tools/mcp/server-fetch';
import {
  createMemoryOAuthStore,
  createOAuthFetch,
  McpOAuthProvider,
  parseOAuthRedirect,
  signInToMcpServer,
  signOutOfMcpServer,
  type OAuthRedirect,
} from '../../../../src/tools/mcp/oauth';
import { startMcpOAuthServer, type McpOAuthServer } from '../../../support/mcp-oauth-server';

const REDIRECT = 'http://app.test/?oauth=callback';

/** The OAuth 2.1 flow against an SDK-built protected MCP server whose authorization server is on another origin. */
describe('MCP OAuth sign-in', { timeout: 30_000 }, () => {
  let server: McpOAuthServer;

  beforeAll(async () => {
    server = await startMcpOAuthServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  function setUp() {
    const store = createMemoryOAuthStore();
    const opened: URL[] = [];
    const provider = new McpOAuthProvider({ serverId: 's1', redirectUrl: REDIRECT, store, openAuthorization: (url) => void opened.push(url) });
    const grants: Array<{ origins: readonly string[]; released: boolean }> = [];
    const serverOrigin = new URL(server.url).origin;
    const wrapFetch = (serverFetch: typeof fetch) =>
      createOAuthFetch({
        serverOrigin,
        serverFetch,
        knownOrigins: () => provider.authorizationServerOrigins(),
        grant: (origins) => {
          const grant = { origins, released: false };
          grants.push(grant);
          return () => void (grant.released = true);
        },
      });
    const oauthFetch = wrapFetch(createServerFetch({ origin: serverOrigin }));
    /** What the browser does on the authorization page: follow it and land on our redirect URI. */
    const followAuthorization = async (): Promise<OAuthRedirect> => {
      const url = opened.at(-1);
      if (!url) throw new Error('no authorization page was opened');
      const response = await fetch(url, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (!location) throw new Error(`no redirect from the authorization page (${response.status})`);
      return parseOAuthRedirect(location)!;
    };
    return { store, opened, provider, grants, wrapFetch, oauthFetch, followAuthorization };
  }

  it('discovers, registers, runs PKCE, calls a tool with the bearer, refreshes on expiry and revokes', async () => {
    const { store, opened, provider, grants, wrapFetch, oauthFetch, followAuthorization } = setUp();
    // Without a sign-in the server refuses the connection.
    await expect(McpConnection.connect(server.url)).rejects.toThrow();

    await signInToMcpServer({ serverUrl: server.url, provider, fetch: oauthFetch, waitForRedirect: followAuthorization });

    // Dynamic registration happened, with our redirect URI, as a public client.
    expect(server.clients.size).toBe(1);
    const [client] = server.clients.values();
    expect(client).toMatchObject({ redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' });
    // The authorization page was opened with a PKCE S256 challenge and a state.
    const authorization = opened[0]!;
    expect(authorization.origin).toBe(server.authOrigin);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(REDIRECT);
    // Tokens saved; the flow's verifier and state are gone.
    const saved = store.states.get('s1')!;
    expect(saved.tokens?.access_token).toMatch(/^at-/);
    expect(saved.tokens?.refresh_token).toMatch(/^rt-/);
    expect(saved.codeVerifier).toBeUndefined();
    expect(saved.state).toBeUndefined();
    // The authorization server's origin was granted only around its requests, and every grant was released.
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((grant) => grant.origins.length === 1 && grant.origins[0] === server.authOrigin && grant.released)).toBe(true);

    const connection = await McpConnection.connect(server.url, { authProvider: provider, wrapFetch });
    try {
      const result = await connection.callTool('whoami', {});
      expect(result.content).toEqual([{ type: 'text', text: `signed in as ${client!.client_id}` }]);
      expect(server.acceptedTokens).toContain(saved.tokens!.access_token);

      // The access token expires: the next call refreshes it and goes through.
      server.expireAccessTokens();
      const again = await connection.callTool('whoami', {});
      expect(again.content).toEqual([{ type: 'text', text: `signed in as ${client!.client_id}` }]);
      expect(server.refreshes).toBe(1);
      const refreshed = store.states.get('s1')!.tokens!;
      expect(refreshed.access_token).not.toBe(saved.tokens!.access_token);
      expect(server.acceptedTokens.at(-1)).toBe(refreshed.access_token);
    } finally {
      await connection.close();
    }

    const tokens = store.states.get('s1')!.tokens!;
    const { revoked } = await signOutOfMcpServer({ provider, fetch: oauthFetch });
    expect(revoked).toBe(true);
    expect(server.revoked).toEqual(expect.arrayContaining([tokens.access_token, tokens.refresh_token]));
    expect(store.states.has('s1')).toBe(false);
  });

  it('refuses a callback with a wrong state and keeps no tokens', async () => {
    const { store, provider, oauthFetch, followAuthorization } = setUp();
    const forged = async (): Promise<OAuthRedirect> => {
      const real = await followAuthorization();
      return { ...real, state: 'forged-state' };
    };
    await expect(signInToMcpServer({ serverUrl: server.url, provider, fetch: oauthFetch, waitForRedirect: forged })).rejects.toThrow(/wrong state/);
    expect(store.states.get('s1')?.tokens).toBeUndefined();
  });

  it('uses a client id the person entered when it is given', async () => {
    const { provider: _unused, ...rest } = setUp();
    const store = createMemoryOAuthStore();
    const opened: URL[] = [];
    const provider = new McpOAuthProvider({ serverId: 's2', redirectUrl: REDIRECT, store, clientId: 'typed-client', openAuthorization: (url) => void opened.push(url) });
    // The authorization server does not know this client: the flow reaches its authorize page with that id.
    await expect(
      signInToMcpServer({ serverUrl: server.url, provider, fetch: rest.oauthFetch, waitForRedirect: () => Promise.reject(new Error('stop')) }),
    ).rejects.toThrow();
    expect(opened[0]?.searchParams.get('client_id')).toBe('typed-client');
  });
});
