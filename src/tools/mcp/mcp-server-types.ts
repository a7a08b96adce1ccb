/**
 * The MCP server manager's public shapes: what it takes (options, a server to add) and what it
 * shows (a server's status, a call's progress). Apart from the manager so the UI and the app
 * can name them without the manager's code.
 */
import type { ErrorCode } from '../../core/errors';
import type { ToolRegistry } from '../registry';
import type { ResolveSecret } from '../secrets';
import type { McpElicitationHandler } from './elicitation';
import type { McpProgress, McpTransportKind } from './mcp-connection';
import type { McpOAuthStatus, McpServerOAuth } from './oauth/server-oauth';
import type { McpSamplingHandlers } from './sampling-types';
import type { McpServerStore } from './server-store';

/** Where a server stands. */
export type McpServerState = 'connecting' | 'connected' | 'disconnected' | 'error';

/** A server as the Tools page shows it. */
export interface McpServerStatus {
  id: string;
  url: string;
  name: string;
  enabled: boolean;
  state: McpServerState;
  transport?: McpTransportKind;
  /** The server's own name and version from the handshake. */
  serverInfo?: { name: string; title?: string; version: string };
  error?: { code: ErrorCode; message: string };
  /** Registry names of the server's tools, in the server's order. */
  tools: string[];
  resources: Array<{ uri: string; name: string }>;
  prompts: Array<{ name: string; description?: string }>;
  /** Tools the server offers that could not be added, with why. */
  skipped: string[];
  /** Header names sent with secrets (never the values). */
  authHeaders: string[];
  /** The server's OAuth sign-in, once it asked for one (absent for servers that never did). */
  oauth?: McpOAuthStatus;
}

/** Progress of a running MCP tool call. */
export interface McpToolProgress extends McpProgress {
  serverId: string;
  /** The registry name of the tool. */
  tool: string;
}

/** What a manager is built with: where tools go, where servers are saved, and the answers to servers' requests. */
export interface McpServerManagerOptions {
  registry: ToolRegistry;
  store: McpServerStore;
  resolveSecret?: ResolveSecret;
  fetch?: typeof fetch;
  now?: () => number;
  createId?: () => string;
  /** Answers servers' sampling requests (every server connected by this manager). */
  sampling?: McpSamplingHandlers;
  /** Answers servers' elicitation requests. */
  elicitation?: McpElicitationHandler;
  /** OAuth sign-in to servers that ask for it (without it, such a server is only an auth error). */
  oauth?: McpServerOAuth;
}

/** What the person gives to add a server. */
export interface AddMcpServerInput {
  url: string;
  /** Short label and tool-name prefix (default: from the server's own name). */
  name?: string;
  /** Header name → secret id. */
  headerSecrets?: Record<string, string>;
}
