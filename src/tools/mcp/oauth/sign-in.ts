import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { TabagentError, toTabagentError } from '../../../core/errors';
import { revocationEndpointOf, type McpOAuthProvider } from './oauth-provider';
import { codeFromRedirect, type OAuthRedirect } from './redirect';

export interface SignInOptions {
  serverUrl: string;
  provider: McpOAuthProvider;
  /** The OAuth fetch of the server (`createOAuthFetch`). */
  fetch: typeof fetch;
  /** Resolves with the callback once the person finished on the authorization page. */
  waitForRedirect: () => Promise<OAuthRedirect>;
}

/**
 * Signs in to an MCP server: discovery, registration (when the server offers it), then the
 * authorization page (`provider.openAuthorization`), then — once the callback came back with the
 * right `state` — the code exchange with the PKCE verifier. Resolves when tokens are saved;
 * resolves at once when saved tokens still work or could be refreshed.
 */
export async function signInToMcpServer(options: SignInOptions): Promise<void> {
  const { serverUrl, provider } = options;
  try {
    const first = await auth(provider, { serverUrl, fetchFn: options.fetch });
    if (first === 'AUTHORIZED') return;
    const code = codeFromRedirect(await options.waitForRedirect(), await provider.expectedState());
    const second = await auth(provider, { serverUrl, authorizationCode: code, fetchFn: options.fetch });
    if (second !== 'AUTHORIZED') throw new TabagentError('auth', `The sign-in to ${serverUrl} did not finish. Try again.`);
  } catch (error) {
    if (TabagentError.is(error)) throw error;
    const failure = toTabagentError(error, 'auth');
    throw new TabagentError('auth', `Signing in to the MCP server ${serverUrl} failed: ${failure.message}`, { cause: error });
  }
}

export interface SignOutOptions {
  provider: McpOAuthProvider;
  fetch: typeof fetch;
}

/**
 * Signs out: asks the authorization server to revoke the refresh and access tokens (RFC 7009,
 * when it has a revocation endpoint), then forgets the tokens and the registration whatever it
 * answered. Returns whether the server confirmed the revocation.
 */
export async function signOutOfMcpServer(options: SignOutOptions): Promise<{ revoked: boolean }> {
  const { provider } = options;
  const tokens = await provider.tokens();
  const endpoint = revocationEndpointOf((await provider.discoveryState())?.authorizationServerMetadata);
  const client = await provider.clientInformation();
  let revoked = false;
  if (tokens && endpoint && client) {
    const held = [
      ...(tokens.refresh_token ? [[tokens.refresh_token, 'refresh_token'] as const] : []),
      [tokens.access_token, 'access_token'] as const,
    ];
    const answers = await Promise.all(
      held.map(([token, hint]) =>
        options
          .fetch(endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ token, token_type_hint: hint, client_id: client.client_id }).toString(),
          })
          .then((response) => response.ok)
          .catch(() => false),
      ),
    );
    revoked = answers.every(Boolean);
  }
  await provider.invalidateCredentials('all');
  return { revoked };
}
