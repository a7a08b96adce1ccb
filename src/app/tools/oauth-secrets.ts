import type { TabagentDb } from '../../store';
import type { McpOAuthState, McpOAuthStore } from '../../tools/mcp/oauth';
import { deleteSecrets, storeSecret } from './stored-secrets';

/** The secret id of an MCP server's sign-in (tokens, registration, the flow in progress). */
export function oauthSecretId(serverId: string): string {
  return `mcp-oauth:${serverId}`;
}

export interface OAuthSecretStoreOptions {
  database: () => Promise<TabagentDb>;
  /** The MCP server's origin by server id: the only origin its tokens are granted to. */
  originOf: (serverId: string) => string | undefined;
  now?: () => number;
  /**
   * Where the secret is written and deleted (default: the `secrets` store directly). The app
   * passes the network door's vault, so the tokens are listed on the Network page and scrubbed
   * from tool results like any other secret.
   */
  write?: (secret: { id: string; label: string; value: string; origins: string[] }) => Promise<void>;
  remove?: (ids: readonly string[]) => Promise<void>;
}

/**
 * Keeps each MCP server's sign-in as one secret in the `secrets` store, granted to that
 * server's origin only, like the bearer secrets typed on the Tools page: the tokens are read
 * back only for that origin, and Sign out deletes the secret.
 */
export function createOAuthSecretStore(options: OAuthSecretStoreOptions): McpOAuthStore {
  return {
    async load(serverId) {
      const origin = options.originOf(serverId);
      const record = await (await options.database()).get('secrets', oauthSecretId(serverId));
      if (!record || !origin || !record.origins.includes(origin)) return undefined;
      try {
        return JSON.parse(record.value) as McpOAuthState;
      } catch {
        // A damaged record is a sign-in to do again, not a failure of the page.
        return undefined;
      }
    },
    async save(serverId, state) {
      const origin = options.originOf(serverId);
      if (!origin) return;
      const secret = { id: oauthSecretId(serverId), label: `MCP sign-in (${origin})`, value: JSON.stringify(state), origins: [origin] };
      if (options.write) await options.write(secret);
      else await storeSecret(await options.database(), { ...secret, now: options.now?.() ?? Date.now() });
    },
    async remove(serverId) {
      if (options.remove) await options.remove([oauthSecretId(serverId)]);
      else await deleteSecrets(await options.database(), [oauthSecretId(serverId)]);
    },
  };
}
