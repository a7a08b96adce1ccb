/**
 * A connected MCP server as it is saved: defined once, below the MCP manager that uses it and the
 * store that keeps it (`McpServerRecord`). Credentials are secret ids, never values.
 */
export interface McpServerConfig {
  id: string;
  url: string;
  /** Short label; also the prefix of the server's tool names, so it stays as first given. */
  name: string;
  /** False after Disconnect: kept, but not connected on start. */
  enabled: boolean;
  /** Header name → secret id, injected by the network door for this server's origin only. */
  headerSecrets: Record<string, string>;
  /**
   * The OAuth client ID the person entered, for a server whose authorization server does not
   * register apps itself (no dynamic client registration). Not a secret: public clients use PKCE.
   */
  oauthClientId?: string;
  createdAt: number;
  updatedAt: number;
}
