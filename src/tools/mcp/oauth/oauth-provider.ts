import type { OAuthClientProvider, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { AuthorizationServerMetadata, OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { TabagentError } from '../../../core/errors';
import { originOf } from '../../origins';
import { registrationOf, signInRequiredError } from './oauth-errors';
import type { McpOAuthState, McpOAuthStore } from './oauth-store';

export interface McpOAuthProviderOptions {
  serverId: string;
  /** Where the authorization server sends the person back (see `oauthRedirectUrl`). */
  redirectUrl: string;
  store: McpOAuthStore;
  /** A client id the person entered, for servers without dynamic registration. */
  clientId?: string;
  /** Opens the authorization page (a popup in the app; tests follow it with fetch). */
  openAuthorization: (url: URL) => void | Promise<void>;
  /** Random `state` values (default: 32 random bytes, base64url). */
  randomState?: () => string;
  /**
   * False for the provider a connection uses: it sends and refreshes saved tokens but never starts
   * a sign-in (no registration, no authorization page); where one is needed it throws
   * `signInRequiredError`, so only the person's click on "Sign in" opens a page. Default true.
   */
  interactive?: boolean;
  /** How the server is named in errors (default: its id). */
  serverName?: string;
}

/** The revocation endpoint of an authorization server's metadata (OpenID metadata has none in the SDK's type). */
export function revocationEndpointOf(metadata: AuthorizationServerMetadata | undefined): string | undefined {
  if (!metadata || !('revocation_endpoint' in metadata)) return undefined;
  return typeof metadata.revocation_endpoint === 'string' ? metadata.revocation_endpoint : undefined;
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The SDK's `OAuthClientProvider` for one MCP server: a public client (no secret) using the
 * authorization code flow with PKCE, registered dynamically when the server offers it or
 * under a client id the person entered. Everything it learns is saved in `store` under the
 * server's id; the SDK drives discovery, registration, the code exchange and refreshes.
 */
export class McpOAuthProvider implements OAuthClientProvider {
  readonly #options: McpOAuthProviderOptions;

  constructor(options: McpOAuthProviderOptions) {
    this.#options = options;
  }

  get redirectUrl(): string {
    return this.#options.redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Tabagent',
      redirect_uris: [this.#options.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      // A page cannot keep a client secret: PKCE protects the code instead.
      token_endpoint_auth_method: 'none',
    };
  }

  async #load(): Promise<McpOAuthState> {
    return (await this.#options.store.load(this.#options.serverId)) ?? {};
  }

  async #update(patch: Partial<McpOAuthState>, drop: Array<keyof McpOAuthState> = []): Promise<void> {
    const next: McpOAuthState = { ...(await this.#load()), ...patch };
    for (const key of drop) delete next[key];
    await this.#options.store.save(this.#options.serverId, next);
  }

  /** Thrown where a non-interactive provider would have to start a sign-in. */
  async #signInRequired(): Promise<never> {
    const metadata = (await this.#load()).discovery?.authorizationServerMetadata;
    throw signInRequiredError(this.#options.serverName ?? this.#options.serverId, metadata ? registrationOf(metadata) : undefined, this.#options.clientId !== undefined);
  }

  async state(): Promise<string> {
    // The SDK asks for a state only to start a new authorization: a connection must not.
    if (this.#options.interactive === false) return this.#signInRequired();
    const state = (this.#options.randomState ?? randomState)();
    await this.#update({ state });
    return state;
  }

  /** The `state` of the flow in progress, which the callback must bring back. */
  async expectedState(): Promise<string | undefined> {
    return (await this.#load()).state;
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    const saved = (await this.#load()).clientInformation;
    if (saved) return saved;
    if (this.#options.clientId) return { client_id: this.#options.clientId };
    // Undefined would make the SDK register a client: that is part of a sign-in the person starts.
    if (this.#options.interactive === false) return this.#signInRequired();
    return undefined;
  }

  async saveClientInformation(clientInformation: OAuthClientInformationMixed): Promise<void> {
    await this.#update({ clientInformation });
  }

  async tokens(): Promise<OAuthTokens | undefined> {
    return (await this.#load()).tokens;
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    // The flow is over: its verifier and state must not be usable again.
    await this.#update({ tokens }, ['codeVerifier', 'state']);
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    if (this.#options.interactive === false) return this.#signInRequired();
    await this.#options.openAuthorization(authorizationUrl);
  }

  async saveCodeVerifier(codeVerifier: string): Promise<void> {
    await this.#update({ codeVerifier });
  }

  async codeVerifier(): Promise<string> {
    const verifier = (await this.#load()).codeVerifier;
    if (!verifier) throw new TabagentError('auth', 'No sign-in is in progress for this MCP server (its PKCE verifier is gone). Start the sign-in again.');
    return verifier;
  }

  async saveDiscoveryState(discovery: OAuthDiscoveryState): Promise<void> {
    await this.#update({ discovery });
  }

  async discoveryState(): Promise<OAuthDiscoveryState | undefined> {
    return (await this.#load()).discovery;
  }

  /**
   * Origins of the authorization server saved from discovery (its issuer and endpoints), so a
   * later connection may reach it to refresh without discovering again (`createOAuthFetch`).
   */
  async authorizationServerOrigins(): Promise<string[]> {
    const discovery = (await this.#load()).discovery;
    if (!discovery) return [];
    const metadata = discovery.authorizationServerMetadata;
    const urls = [discovery.authorizationServerUrl, metadata?.issuer, metadata?.authorization_endpoint, metadata?.token_endpoint, metadata?.registration_endpoint, revocationEndpointOf(metadata)];
    return [...new Set(urls.flatMap((url) => (url && originOf(url) ? [originOf(url)!] : [])))];
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'all') return this.#options.store.remove(this.#options.serverId);
    const key = ({ client: 'clientInformation', tokens: 'tokens', verifier: 'codeVerifier', discovery: 'discovery' } as const)[scope];
    await this.#update({}, [key]);
  }
}
