/**
 * An OAuth-protected MCP server for tests, built from the SDK's server auth helpers: an
 * authorization server (`mcpAuthRouter`: metadata, dynamic registration, authorize with PKCE,
 * token, revoke) on one origin, and an MCP resource server (`mcpAuthMetadataRouter` +
 * `requireBearerAuth`) on another, so cross-origin discovery is exercised. The authorize step
 * "signs in" at once and redirects with a code. Access tokens can be made to expire, and refresh
 * and revocation are real.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createOAuthMetadata, mcpAuthMetadataRouter, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthorizationParams, OAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export interface McpOAuthServer {
  /** The MCP endpoint (resource server). */
  url: string;
  /** The authorization server's origin. */
  authOrigin: string;
  /** Registered clients by id. */
  readonly clients: Map<string, OAuthClientInformationFull>;
  /** Bearer tokens the MCP endpoint accepted, in order. */
  readonly acceptedTokens: string[];
  /** Tokens revoked through the revocation endpoint. */
  readonly revoked: string[];
  /** How many refresh_token grants were served. */
  readonly refreshes: number;
  /** Makes every access token issued so far invalid (as if it expired). */
  expireAccessTokens(): void;
  /** Forgets every access and refresh token (as if the person revoked the app elsewhere). */
  forgetTokens(): void;
  close(): Promise<void>;
}

interface TokenData {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  resource?: URL;
}

async function listen(app: Express): Promise<{ server: HttpServer; origin: string }> {
  const server = await new Promise<HttpServer>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

export interface McpOAuthServerOptions {
  /**
   * False: the authorization server offers no dynamic client registration (no
   * `registration_endpoint`); only the `preRegistered` clients can sign in. Default true.
   */
  dynamicRegistration?: boolean;
  /** Clients known from the start (a client ID the person "registered" with the server). */
  preRegistered?: OAuthClientInformationFull[];
}

/** Starts the authorization server and the protected MCP server on two free ports of 127.0.0.1. */
export async function startMcpOAuthServer(options: McpOAuthServerOptions = {}): Promise<McpOAuthServer> {
  const clients = new Map<string, OAuthClientInformationFull>((options.preRegistered ?? []).map((client) => [client.client_id, client]));
  const codes = new Map<string, { client: OAuthClientInformationFull; params: AuthorizationParams }>();
  const access = new Map<string, TokenData>();
  const refresh = new Map<string, TokenData>();
  const acceptedTokens: string[] = [];
  const revoked: string[] = [];
  let refreshes = 0;

  // Without `registerClient` the SDK's router publishes no registration endpoint.
  const clientsStore: OAuthRegisteredClientsStore = {
    getClient: (id) => Promise.resolve(clients.get(id)),
    ...(options.dynamicRegistration === false
      ? {}
      : {
          registerClient: (client: Omit<OAuthClientInformationFull, 'client_id' | 'client_id_issued_at'>) => {
            const full = client as OAuthClientInformationFull;
            clients.set(full.client_id, full);
            return Promise.resolve(full);
          },
        }),
  };

  function issue(data: TokenData): OAuthTokens {
    const accessToken = `at-${randomUUID()}`;
    const refreshToken = `rt-${randomUUID()}`;
    access.set(accessToken, data);
    refresh.set(refreshToken, data);
    return { access_token: accessToken, token_type: 'bearer', expires_in: 3600, refresh_token: refreshToken, scope: data.scopes.join(' ') };
  }

  const provider: OAuthServerProvider = {
    get clientsStore() {
      return clientsStore;
    },
    authorize(client, params, res: Response) {
      if (!client.redirect_uris.includes(params.redirectUri)) {
        res.status(400).send('unregistered redirect_uri');
        return Promise.resolve();
      }
      const code = `code-${randomUUID()}`;
      codes.set(code, { client, params });
      const target = new URL(params.redirectUri);
      target.searchParams.set('code', code);
      if (params.state !== undefined) target.searchParams.set('state', params.state);
      res.redirect(target.href);
      return Promise.resolve();
    },
    challengeForAuthorizationCode(_client, code) {
      const data = codes.get(code);
      if (!data) return Promise.reject(new Error('unknown code'));
      return Promise.resolve(data.params.codeChallenge);
    },
    exchangeAuthorizationCode(client, code) {
      const data = codes.get(code);
      if (!data || data.client.client_id !== client.client_id) return Promise.reject(new Error('bad code'));
      codes.delete(code);
      return Promise.resolve(
        issue({ clientId: client.client_id, scopes: data.params.scopes ?? [], expiresAt: Date.now() + 3_600_000, ...(data.params.resource ? { resource: data.params.resource } : {}) }),
      );
    },
    exchangeRefreshToken(client, refreshToken) {
      const data = refresh.get(refreshToken);
      if (!data || data.clientId !== client.client_id) return Promise.reject(new Error('bad refresh token'));
      refresh.delete(refreshToken);
      refreshes += 1;
      return Promise.resolve(issue({ ...data, expiresAt: Date.now() + 3_600_000 }));
    },
    verifyAccessToken(token): Promise<AuthInfo> {
      const data = access.get(token);
      if (!data || data.expiresAt < Date.now()) return Promise.reject(new Error('invalid or expired token'));
      return Promise.resolve({ token, clientId: data.clientId, scopes: data.scopes, expiresAt: Math.floor(data.expiresAt / 1000) });
    },
    revokeToken(_client, request) {
      revoked.push(request.token);
      access.delete(request.token);
      refresh.delete(request.token);
      return Promise.resolve();
    },
  };

  // The authorization server. Its origin is known only once it listens, so the router is mounted then.
  const authApp = express();
  const auth = await listen(authApp);
  const issuerUrl = new URL(auth.origin);
  authApp.use(mcpAuthRouter({ provider, issuerUrl, scopesSupported: ['mcp:tools'] }));

  const mcpApp = express();
  const mcp = await listen(mcpApp);
  const mcpUrl = new URL('/mcp', mcp.origin);
  // The SDK's bearer helper throws InvalidTokenError for an unknown token: it verifies through this.
  const verifier = {
    verifyAccessToken: async (token: string) => {
      const info = await provider.verifyAccessToken(token).catch(async () => {
        const { InvalidTokenError } = await import('@modelcontextprotocol/sdk/server/auth/errors.js');
        throw new InvalidTokenError('invalid or expired token');
      });
      acceptedTokens.push(token);
      return info;
    },
  };
  mcpApp.use((req, res, next) => {
    // CORS for a browser page (and the preflight of its Authorization header).
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', '*');
    res.setHeader('Access-Control-Expose-Headers', 'mcp-session-id, www-authenticate');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });
  mcpApp.use(
    mcpAuthMetadataRouter({
      oauthMetadata: createOAuthMetadata({ provider, issuerUrl, scopesSupported: ['mcp:tools'] }),
      resourceServerUrl: mcpUrl,
      scopesSupported: ['mcp:tools'],
    }),
  );
  // No server-to-client stream in this stateless server.
  mcpApp.get('/mcp', (_req, res) => void res.status(405).end());
  mcpApp.post(
    '/mcp',
    requireBearerAuth({ verifier, resourceMetadataUrl: new URL('/.well-known/oauth-protected-resource/mcp', mcp.origin).href }),
    express.json(),
    async (req: Request, res: Response) => {
      // Stateless: a fresh server and transport per request.
      const server = new Server({ name: 'tests/oauth-server', version: '1.0.0' }, { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, () => ({
        tools: [{ name: 'whoami', description: 'Says which client called.', inputSchema: { type: 'object', properties: {} }, annotations: { readOnlyHint: true } }],
      }));
      server.setRequestHandler(CallToolRequestSchema, (_request, extra) => ({
        content: [{ type: 'text', text: `signed in as ${extra.authInfo?.clientId ?? 'nobody'}` }],
      }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => void transport.close());
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    },
  );

  return {
    url: mcpUrl.href,
    authOrigin: auth.origin,
    clients,
    acceptedTokens,
    revoked,
    get refreshes() {
      return refreshes;
    },
    expireAccessTokens() {
      for (const data of access.values()) data.expiresAt = 0;
    },
    forgetTokens() {
      access.clear();
      refresh.clear();
    },
    async close() {
      for (const { server } of [auth, mcp]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
