/** The MCP client: connections to MCP servers over HTTP, and the manager that keeps their tools in the registry. */
export {
  McpConnection,
  type McpCallOptions,
  type McpCallResult,
  type McpConnectOptions,
  type McpListKind,
  type McpProgress,
  type McpPrompt,
  type McpResource,
  type McpTool,
  type McpTransportKind,
} from './mcp-connection';
export { mcpInputSchema, mcpToolToManifest, type McpManifestOptions } from './mcp-manifest';
export { mcpResultValue } from './mcp-result';
export { createServerFetch, type HeaderSecrets, type ServerFetchOptions } from './server-fetch';
export { collectPages, type Page } from './pagination';
export { createMemoryServerStore, type McpServerConfig, type McpServerStore } from './server-store';
export {
  McpServerManager,
  type AddMcpServerInput,
  type McpServerManagerOptions,
  type McpServerState,
  type McpServerStatus,
  type McpToolProgress,
} from './mcp-server-manager';
export { registerReadResourceTool, READ_RESOURCE_TOOL } from './resources';
export {
  createMcpServerOAuth,
  isSignInRequired,
  oauthRedirectUrl,
  type McpOAuthStatus,
  type McpOAuthStore,
  type McpServerOAuth,
  type OAuthRedirect,
  type OAuthRegistration,
  type SignInWindow,
} from './oauth';
