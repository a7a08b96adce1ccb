import { discoverOAuthServerInfo } from '@modelcontextprotocol/sdk/client/auth.js';
import type { McpServerConfig } from '../../../core/mcp-server-config';
import { originOf } from '../../origins';
import { createServerFetch } from '../server-fetch';
import { registrationOf, signInRequiredError, type OAuthRegistration } from './oauth-errors';
import { createOAuthFetch, type GrantOrigins } from './oauth-fetch';
import { McpOAuthProvider } from './oauth-provider';
import type { McpOAuthStore } from './oauth-store';
import type { OAuthRedirect } from './redirect';
import { signInToMcpServer, signOutOfMcpServer } from './sign-in';

/** The person's side of one sign-in: the authorization page (a popup in the app) and its answer. */
export interface SignInWindow {
  /** Shows the authorization page. */
  open(url: URL): void | Promise<void>;
  /** Resolves with the callback whose `state` is the one `expectedState` gives. */
  waitForRedirect(expectedState: () => Promise<string | undefined>): Promise<OAuthRedirect>;
}

/** What a server's sign-in stands at, as the Tools page shows it. */
export interface McpOAuthStatus {
  signedIn: boolean;
  /** Unknown until the server's authorization server was discovered. */
  registration?: OAuthRegistration;
  /** The client ID the person entered (servers without dynamic registration). */
  clientId?: string;
  /** The redirect URI to register with a server that needs a client ID. */
  redirectUrl?: string;
}

/** The OAuth part of the MCP server manager (see `createMcpServerOAuth`). */
export interface McpServerOAuth {
  /** The app's redirect URI (what a person registers with a server that needs a client ID). */
  readonly redirectUrl: string;
  /**
   * The connection options of a server that has a saved sign-in (undefined otherwise): a
   * non-interactive provider (it sends and refreshes the tokens, never opens a page) and the
   * fetch that lets it reach the authorization server named by the server's own metadata.
   */
  connectOptions(config: McpServerConfig): Promise<{ authProvider: McpOAuthProvider; wrapFetch: (serverFetch: typeof fetch) => typeof fetch } | undefined>;
  /** Whether the server offers OAuth (its metadata names an authorization server), and how apps register there. */
  probe(config: McpServerConfig): Promise<OAuthRegistration | undefined>;
  /** The saved sign-in's status; undefined when the server has none. */
  status(config: McpServerConfig): Promise<McpOAuthStatus | undefined>;
  /** Runs the authorization code flow with PKCE through `window`; resolves once tokens are saved. */
  signIn(config: McpServerConfig, window: SignInWindow): Promise<void>;
  /** Revokes the tokens where the server allows it and deletes the sign-in. */
  signOut(config: McpServerConfig): Promise<{ revoked: boolean }>;
}

export interface McpServerOAuthOptions {
  store: McpOAuthStore;
  /** The app's redirect URI (`oauthRedirectUrl(location.origin)`). */
  redirectUrl: string;
  /** The fetch everything goes through (the network door in the app). */
  fetch?: typeof fetch;
  /** Grants an authorization server's origin for one request (the network door's `grant`). */
  grant?: GrantOrigins;
}

/** The server as the Tools page names it (its label, else its address), so messages match its buttons. */
function nameOf(config: McpServerConfig): string {
  return config.name || config.url;
}

/**
 * OAuth 2.1 for the MCP servers the person added: discovery and dynamic registration (or the
 * client ID they entered), the authorization code flow with PKCE, tokens kept in `store` per
 * server and refreshed by the SDK, revocation on sign-out. Only `signIn`, which the person
 * starts, opens an authorization page; connections use what is saved and fail with
 * `signInRequiredError` when that is not enough.
 */
export function createMcpServerOAuth(options: McpServerOAuthOptions): McpServerOAuth {
  /** `interactive` false: a connection's provider, which never starts a sign-in (see McpOAuthProvider). */
  const provider = (config: McpServerConfig, interactive: boolean, window?: SignInWindow) =>
    new McpOAuthProvider({
      serverId: config.id,
      serverName: nameOf(config),
      redirectUrl: options.redirectUrl,
      store: options.store,
      ...(config.oauthClientId ? { clientId: config.oauthClientId } : {}),
      interactive,
      openAuthorization: (url) => window?.open(url),
    });
  const wrapFetchFor =
    (config: McpServerConfig, knownOrigins: () => Promise<readonly string[]>) =>
    (serverFetch: typeof fetch): typeof fetch =>
      createOAuthFetch({
        serverOrigin: originOf(config.url) ?? config.url,
        serverFetch,
        knownOrigins,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.grant ? { grant: options.grant } : {}),
      });
  /** The fetch of a sign-in, a sign-out or a probe: the server's origin, plus the authorization server its metadata names. */
  const oauthFetch = (config: McpServerConfig, knownOrigins: () => Promise<readonly string[]>) =>
    wrapFetchFor(config, knownOrigins)(createServerFetch({ origin: originOf(config.url) ?? config.url, ...(options.fetch ? { fetch: options.fetch } : {}) }));

  async function probe(config: McpServerConfig): Promise<OAuthRegistration | undefined> {
    try {
      const { authorizationServerMetadata } = await discoverOAuthServerInfo(config.url, { fetchFn: oauthFetch(config, () => Promise.resolve([])) });
      return authorizationServerMetadata ? registrationOf(authorizationServerMetadata) : undefined;
    } catch {
      // No metadata (or it could not be read): the server does not offer OAuth that we can use.
      return undefined;
    }
  }

  return {
    redirectUrl: options.redirectUrl,

    async connectOptions(config) {
      if (!(await options.store.load(config.id))) return undefined;
      const authProvider = provider(config, false);
      return { authProvider, wrapFetch: wrapFetchFor(config, () => authProvider.authorizationServerOrigins()) };
    },

    probe,

    async status(config) {
      const saved = await options.store.load(config.id);
      const metadata = saved?.discovery?.authorizationServerMetadata;
      if (!saved && !config.oauthClientId) return undefined;
      return {
        signedIn: saved?.tokens !== undefined,
        ...(metadata ? { registration: registrationOf(metadata) } : {}),
        ...(config.oauthClientId ? { clientId: config.oauthClientId } : {}),
      };
    },

    async signIn(config, window) {
      const signingIn = provider(config, true, window);
      // Without dynamic registration the SDK would fail with a bare "incompatible server": say what is needed.
      if ((await probe(config)) === 'manual' && !(await signingIn.clientInformation())) throw signInRequiredError(nameOf(config), 'manual');
      const fetch = oauthFetch(config, () => signingIn.authorizationServerOrigins());
      await signInToMcpServer({ serverUrl: config.url, provider: signingIn, fetch, waitForRedirect: () => window.waitForRedirect(() => signingIn.expectedState()) });
    },

    async signOut(config) {
      const signingOut = provider(config, true);
      return signOutOfMcpServer({ provider: signingOut, fetch: oauthFetch(config, () => signingOut.authorizationServerOrigins()) });
    },
  };
}
