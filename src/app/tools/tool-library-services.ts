import type { TabagentDb } from '../../store';
import type { McpServerStatus } from '../../tools/mcp/mcp-server-manager';
import type { ToolKind } from '../../tools/manifest';
import type { McpContentServices } from './mcp-content';

export type { McpServerStatus };

/** What a pasted `mcpServers` JSON added (labels) and refused (with why). */
export interface McpServersImportOutcome {
  added: string[];
  refused: Array<{ name: string; reason: string }>;
}

/** Where a tool in the library came from. */
export type ToolSource = 'builtin' | 'mcp' | 'openapi' | 'custom';

/** A tool as the Tools page lists it. */
export interface LibraryTool {
  name: string;
  description: string;
  kind: ToolKind;
  source: ToolSource;
  sideEffects: boolean;
  allowedOrigins: string[];
  /** Imported tools (OpenAPI) can be removed one by one; MCP tools go with their server. */
  removable: boolean;
}

/** Credentials for an MCP server: the header and the value typed by the person (stored as a secret, sent only to the server's origin). */
export interface McpAuthInput {
  header: string;
  value: string;
}

/** Where an OpenAPI document comes from: a URL to fetch, or text read from a file. */
export interface OpenApiSource {
  url?: string;
  text?: string;
  fileName?: string;
  /** The API's base URL, replacing the document's servers (needed when they are relative and there is no URL). */
  serverUrl?: string;
}

/** One operation of a previewed document. */
export interface OpenApiPreviewOperation {
  /** `GET /pet/{petId}`: stays the same between preview and import. */
  key: string;
  name: string;
  method: string;
  path: string;
  description: string;
  sideEffects: boolean;
  origin: string;
}

/** A document read but not yet added: what the person checks before adding. */
export interface OpenApiPreview {
  id: string;
  title: string;
  apiVersion: string;
  specVersion: string;
  operations: OpenApiPreviewOperation[];
  skipped: Array<{ operation: string; reason: string }>;
  securitySchemes: Array<{ name: string; kind: 'apiKey' | 'bearer' | 'basic'; label: string; description?: string }>;
}

/** What the person chose in the preview. */
export interface OpenApiChoice {
  /** Keys of the operations to add. */
  operations: string[];
  /** Security scheme name → secret value typed by the person (empty: none). */
  secrets: Record<string, string>;
}

/**
 * The tool library behind the Tools page: every tool in the registry, MCP servers and OpenAPI
 * imports. The real one (`createToolLibrary`) works on the registry the agent uses, so what is
 * added here reaches the model; tests pass scripted ones.
 */
export interface ToolLibraryServices {
  /** Loads saved imported tools and reconnects saved MCP servers (once; later calls wait for the first). */
  start(openDatabase: () => Promise<TabagentDb>): Promise<void>;
  tools(): LibraryTool[];
  servers(): McpServerStatus[];
  /** Calls `listener` after any change to the tools or servers; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  connectMcp(input: { url: string; auth?: McpAuthInput }): Promise<McpServerStatus>;
  reconnectMcp(id: string): Promise<McpServerStatus>;
  disconnectMcp(id: string): Promise<void>;
  removeMcp(id: string): Promise<void>;
  /**
   * Signs in to an MCP server with OAuth in a popup, then connects it. Call it synchronously in
   * the person's click: the popup is opened before anything is awaited (browsers block it
   * otherwise). `clientId` is saved with the server first (servers without dynamic registration).
   * Throws a TabagentError: the popup was blocked (`data.reason` 'popup-blocked'), a client ID is
   * needed ('client-id-required'), or the sign-in failed.
   */
  signInMcp?(id: string, input?: { clientId?: string }): Promise<McpServerStatus>;
  /** Revokes (where the server allows it) and deletes the server's sign-in, and disconnects it; resolves with whether the revocation was confirmed. */
  signOutMcp?(id: string): Promise<{ revoked: boolean }>;
  previewOpenApi(source: OpenApiSource): Promise<OpenApiPreview>;
  /** Adds the chosen operations as tools; resolves to their names. */
  addOpenApi(preview: OpenApiPreview, choice: OpenApiChoice): Promise<string[]>;
  /** Removes an imported tool. */
  removeTool(name: string): Promise<void>;
  /**
   * Adds the remote servers of a pasted `mcpServers` JSON (Claude Desktop, Cursor, VS Code),
   * saved switched off and not contacted until the person connects each; header values become
   * secrets for that server's origin. Throws a TabagentError ('config') for bad JSON, adding nothing.
   */
  importMcpServers?(text: string): Promise<McpServersImportOutcome>;
  /**
   * Reads the saved MCP servers again: servers another part of the app wrote (an imported agent's,
   * saved switched off) appear on the Tools page without a reload.
   */
  refreshServers?(): Promise<void>;
  /** Connected servers' resources (browse, attach to a message) and prompts (slash commands); absent: neither is offered. */
  content?: McpContentServices;
}
