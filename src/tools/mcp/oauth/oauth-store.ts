import type { OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

/** Everything a sign-in to one MCP server keeps: the registration, the tokens, and the flow in progress. */
export interface McpOAuthState {
  clientInformation?: OAuthClientInformationMixed;
  tokens?: OAuthTokens;
  /** PKCE verifier of the flow in progress. */
  codeVerifier?: string;
  /** `state` sent with the flow in progress; the callback must bring it back. */
  state?: string;
  discovery?: OAuthDiscoveryState;
}

/**
 * Where sign-ins are kept, by MCP server id. The app keeps each as a secret granted to that
 * server's origin only (src/app/tools/oauth-secrets.ts); tests use the memory one.
 */
export interface McpOAuthStore {
  load(serverId: string): Promise<McpOAuthState | undefined>;
  save(serverId: string, state: McpOAuthState): Promise<void>;
  remove(serverId: string): Promise<void>;
}

/** A store that lives as long as the page (tests, and a session that must not persist tokens). */
export function createMemoryOAuthStore(): McpOAuthStore & { readonly states: Map<string, McpOAuthState> } {
  const states = new Map<string, McpOAuthState>();
  return {
    states,
    load: (id) => Promise.resolve(states.has(id) ? structuredClone(states.get(id)) : undefined),
    save: (id, state) => {
      states.set(id, structuredClone(state));
      return Promise.resolve();
    },
    remove: (id) => {
      states.delete(id);
      return Promise.resolve();
    },
  };
}
