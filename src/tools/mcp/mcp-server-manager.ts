import { TabagentError, toTabagentError } from '../../core/errors';
import type { ToolContext } from '../registry';
import { originOf } from '../origins';
import { McpConnection, type McpListKind, type McpTool } from './mcp-connection';
import { mcpToolToManifest } from './mcp-manifest';
import { mcpResultValue } from './mcp-result';
import type { McpServerConfig } from './server-store';
import type { AddMcpServerInput, McpServerManagerOptions, McpServerState, McpServerStatus, McpToolProgress } from './mcp-server-types';
import { CallEngines } from './sampling-route';
import { serverRequestOptions } from './server-request-routing';
import { isSignInRequired } from './oauth/oauth-errors';
import type { McpOAuthStatus, SignInWindow } from './oauth/server-oauth';
import { McpSignInStates } from './sign-in-states';
import { labelFor, MAX_PREFIX_CHARS, syncServerTools } from './server-tools';

export type { AddMcpServerInput, McpServerManagerOptions, McpServerState, McpServerStatus, McpToolProgress } from './mcp-server-types';

interface Entry {
  config: McpServerConfig;
  state: McpServerState;
  connection?: McpConnection;
  connecting?: Promise<McpConnection>;
  error?: TabagentError;
  /** Registry name → the server's tool name. */
  tools: Map<string, string>;
  resources: McpServerStatus['resources'];
  prompts: McpServerStatus['prompts'];
  skipped: string[];
  /** The engines of this server's calls in flight: its sampling requests run on the newest. */
  calls: CallEngines;
  oauth?: McpOAuthStatus;
}

/**
 * Keeps the person's MCP servers connected and their tools in the tool registry. Each server's
 * tools are registered as `<label>__<tool>` (sanitised, unique), re-listed whenever the server
 * announces a change, and removed when the server is disconnected or removed. Servers are saved
 * in `store` and reconnected by `start()`.
 */
export class McpServerManager {
  readonly #options: McpServerManagerOptions;
  readonly #signIns: McpSignInStates;
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<() => void>();
  readonly #progressListeners = new Set<(progress: McpToolProgress) => void>();
  readonly #resourceListeners = new Set<(serverId: string, uri: string) => void>();

  constructor(options: McpServerManagerOptions) {
    this.#options = options;
    this.#signIns = new McpSignInStates(options.oauth);
  }

  /** Loads the saved servers and connects the enabled ones; resolves when every attempt has settled. */
  async start(): Promise<void> {
    const configs = await this.#options.store.list();
    for (const config of configs) {
      if (!this.#entries.has(config.id)) this.#entries.set(config.id, this.#newEntry(config, config.enabled ? 'connecting' : 'disconnected'));
    }
    this.#notify();
    await Promise.allSettled(
      [...this.#entries.values()].filter((entry) => entry.config.enabled && !entry.connection).map((entry) => this.#connect(entry)),
    );
  }

  /**
   * Connects to a new server and, once that worked, saves it. Throws a TabagentError (bad URL,
   * unreachable, refused, already added) and saves nothing when it fails.
   */
  async add(input: AddMcpServerInput): Promise<McpServerStatus> {
    const url = input.url.trim();
    if (!originOf(url) || !/^https?:\/\//i.test(url)) {
      throw new TabagentError('config', `"${url}" is not an http(s) address. Give the MCP server's full address, like http://127.0.0.1:3001/mcp.`);
    }
    const href = new URL(url).href;
    if ([...this.#entries.values()].some((entry) => entry.config.url === href)) {
      throw new TabagentError('config', `The MCP server ${href} is already added.`);
    }
    const now = this.#now();
    const config: McpServerConfig = {
      id: this.#options.createId?.() ?? crypto.randomUUID(),
      url: href,
      name: input.name?.trim().slice(0, MAX_PREFIX_CHARS) ?? '',
      enabled: true,
      headerSecrets: { ...(input.headerSecrets ?? {}) },
      createdAt: now,
      updatedAt: now,
    };
    const entry = this.#newEntry(config, 'connecting');
    this.#entries.set(config.id, entry);
    this.#notify();
    try {
      await this.#connect(entry);
    } catch (error) {
      // A server that needs the person's OAuth sign-in is kept: its row offers "Sign in".
      if (!isSignInRequired(error)) {
        this.#entries.delete(config.id);
        this.#notify();
        throw error;
      }
    }
    await this.#options.store.put(entry.config);
    return this.#status(entry);
  }

  /**
   * Signs in to a server with OAuth through `window` (the authorization page the person sees),
   * then connects it. `clientId`, when given, is saved with the server first (servers without
   * dynamic registration). Throws a TabagentError saying what to do; the server stays as it was.
   */
  async signIn(id: string, window: SignInWindow, clientId?: string): Promise<McpServerStatus> {
    const entry = this.#require(id);
    // Checked first: nothing is saved for a build that cannot sign in.
    this.#signIns.require();
    if (clientId !== undefined && clientId.trim() !== (entry.config.oauthClientId ?? '')) {
      const { oauthClientId: _previous, ...rest } = entry.config;
      await this.#save(entry, clientId.trim() ? { ...rest, oauthClientId: clientId.trim() } : rest, true);
    }
    await this.#signIns.signIn(entry, window).catch((failure: unknown) => {
      this.#notify();
      throw failure;
    });
    // A connection still open holds the old (or no) token: the new one is used by a fresh one.
    if (entry.connection) await this.#close(entry, 'connecting');
    entry.error = undefined;
    if (!entry.config.enabled) await this.#save(entry, { enabled: true });
    await this.#connect(entry);
    return this.#status(entry);
  }

  /**
   * Signs out of a server: revokes its tokens where its authorization server allows it, deletes
   * them, and disconnects the server (kept, switched off). Resolves with whether the revocation
   * was confirmed.
   */
  async signOut(id: string): Promise<{ revoked: boolean }> {
    const entry = this.#require(id);
    const outcome = await this.#signIns.revoke(entry);
    await this.#close(entry, 'disconnected');
    this.#signIns.signedOut(entry);
    await this.#save(entry, { enabled: false });
    return outcome;
  }

  /** Connects a saved server again (after Disconnect or a failure) and marks it enabled. */
  async reconnect(id: string): Promise<McpServerStatus> {
    const entry = this.#require(id);
    if (!entry.config.enabled) await this.#save(entry, { enabled: true });
    if (!entry.connection) await this.#connect(entry);
    return this.#status(entry);
  }

  /** Closes the connection and takes its tools away; the server stays saved, not connected on start. */
  async disconnect(id: string): Promise<void> {
    const entry = this.#require(id);
    await this.#close(entry, 'disconnected');
    await this.#save(entry, { enabled: false });
  }

  /** Disconnects and forgets a server. */
  async remove(id: string): Promise<void> {
    const entry = this.#require(id);
    await this.#signIns.forget(entry);
    await this.#close(entry, 'disconnected');
    this.#entries.delete(id);
    await this.#options.store.delete(id);
    this.#notify();
  }

  /** Every server, in the order they were added. */
  statuses(): McpServerStatus[] {
    return [...this.#entries.values()].map((entry) => this.#status(entry));
  }

  /** Calls `listener` after any change of a server's state or tools; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls `listener` with each progress report of a running call; returns the unsubscribe function. */
  onProgress(listener: (progress: McpToolProgress) => void): () => void {
    this.#progressListeners.add(listener);
    return () => this.#progressListeners.delete(listener);
  }

  /** The live connection of an enabled server, connecting it when needed (resources, prompts: see ./resources, ./prompts). */
  async connection(id: string): Promise<McpConnection> {
    const entry = this.#require(id);
    if (!entry.config.enabled) throw new TabagentError('config', `The MCP server ${entry.config.name || entry.config.url} is disconnected. Connect it again on the Tools page.`);
    return entry.connection ?? this.#connect(entry);
  }

  /** Calls `listener` when a subscribed resource of a server changed; returns the unsubscribe function. */
  onResourceUpdated(listener: (serverId: string, uri: string) => void): () => void {
    this.#resourceListeners.add(listener);
    return () => this.#resourceListeners.delete(listener);
  }

  /** Closes every connection (the servers stay saved and enabled). */
  async close(): Promise<void> {
    await Promise.all([...this.#entries.values()].map((entry) => this.#close(entry, 'disconnected')));
  }

  #newEntry(config: McpServerConfig, state: McpServerState): Entry {
    return { config, state, tools: new Map(), resources: [], prompts: [], skipped: [], calls: new CallEngines() };
  }

  #require(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new TabagentError('config', 'That MCP server is not (or no longer) added.');
    return entry;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /** Saves `patch` into the server's record (`replace`: `patch` is the whole record, to drop a field). */
  async #save(entry: Entry, patch: Partial<McpServerConfig>, replace = false): Promise<void> {
    entry.config = { ...(replace ? (patch as McpServerConfig) : { ...entry.config, ...patch }), updatedAt: this.#now() };
    await this.#options.store.put(entry.config);
    this.#notify();
  }

  /** Connects (once, however many callers ask at the same time) and loads the server's lists. */
  #connect(entry: Entry): Promise<McpConnection> {
    if (entry.connection) return Promise.resolve(entry.connection);
    entry.connecting ??= this.#open(entry).finally(() => {
      entry.connecting = undefined;
    });
    return entry.connecting;
  }

  async #open(entry: Entry): Promise<McpConnection> {
    entry.state = 'connecting';
    entry.error = undefined;
    this.#notify();
    // Set once connected: a change announced during the handshake is covered by the first listing.
    let current: McpConnection | undefined;
    try {
      const signedIn = await this.#signIns.connectOptions(entry);
      const connection = await McpConnection.connect(entry.config.url, {
        ...(signedIn ?? {}),
        headerSecrets: entry.config.headerSecrets,
        ...(this.#options.resolveSecret ? { resolveSecret: this.#options.resolveSecret } : {}),
        ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
        onResourceUpdated: (uri) => {
          for (const listener of this.#resourceListeners) listener(entry.config.id, uri);
        },
        ...serverRequestOptions(this.#options, entry.calls, () => entry.config),
        onListChanged: (kind) => {
          if (current) void this.#refresh(entry, current, kind);
        },
        onClosed: () => {
          if (!current || entry.connection !== current) return;
          entry.connection = undefined;
          entry.state = 'disconnected';
          this.#notify();
        },
      });
      if (!entry.config.name) entry.config = { ...entry.config, name: labelFor(entry.config.url, connection.serverInfo?.name) };
      current = connection;
      entry.connection = connection;
      await this.#syncTools(entry, connection);
      await Promise.all([this.#refresh(entry, connection, 'resources'), this.#refresh(entry, connection, 'prompts')]);
      if (signedIn) await this.#signIns.connected(entry);
      entry.state = 'connected';
      this.#notify();
      return connection;
    } catch (error) {
      const failure = await this.#signIns.explainFailure(entry, toTabagentError(error, 'network'));
      if (entry.connection) await entry.connection.close();
      entry.connection = undefined;
      entry.state = 'error';
      entry.error = failure;
      this.#notify();
      throw failure;
    }
  }

  async #close(entry: Entry, state: McpServerState): Promise<void> {
    const connection = entry.connection;
    entry.connection = undefined;
    for (const name of entry.tools.keys()) this.#options.registry.unregister(name);
    entry.tools = new Map();
    entry.resources = [];
    entry.prompts = [];
    entry.state = state;
    this.#notify();
    await connection?.close();
  }

  /** Re-reads one list after the server said it changed. A failure is kept on the status, not thrown. */
  async #refresh(entry: Entry, connection: McpConnection, kind: McpListKind): Promise<void> {
    if (entry.connection !== connection && entry.connecting === undefined) return;
    try {
      if (kind === 'tools') await this.#syncTools(entry, connection);
      else if (kind === 'resources') entry.resources = (await connection.listResources()).map(({ uri, name }) => ({ uri, name }));
      else entry.prompts = (await connection.listPrompts()).map(({ name, description }) => ({ name, ...(description ? { description } : {}) }));
    } catch (error) {
      entry.error = toTabagentError(error, 'server');
    }
    this.#notify();
  }

  /**
   * Makes the registry hold exactly the server's current tools. A tool keeps its registry name
   * while the server keeps offering it; an unchanged tool is left as it is (re-registering would
   * void an approval being asked for at that moment).
   */
  async #syncTools(entry: Entry, connection: McpConnection): Promise<void> {
    const tools = await connection.listTools();
    if (entry.connection !== connection) return;
    const prefix = entry.config.name || labelFor(entry.config.url, undefined);
    const synced = syncServerTools(this.#options.registry, entry.tools, tools, prefix, (tool, name) => this.#registerTool(entry, connection, tool, name));
    entry.tools = synced.tools;
    entry.skipped = synced.skipped;
  }

  #registerTool(entry: Entry, connection: McpConnection, tool: McpTool, name: string): void {
    const { registry } = this.#options;
    const manifest = mcpToolToManifest(tool, { name, origin: connection.origin, serverName: entry.config.name || connection.origin });
    const existing = registry.get(name);
    if (existing && this.#entryOwning(name) === entry && JSON.stringify(existing.manifest) === JSON.stringify(manifest)) return;
    const serverId = entry.config.id;
    const toolName = tool.name;
    registry.register(manifest, (args, context) => this.#call(serverId, toolName, name, args, context), { replace: true });
  }

  #entryOwning(registryName: string): Entry | undefined {
    return [...this.#entries.values()].find((entry) => entry.tools.has(registryName));
  }

  async #call(serverId: string, toolName: string, registryName: string, args: Record<string, unknown>, context: ToolContext): Promise<unknown> {
    const { signal } = context;
    const entry = this.#entries.get(serverId);
    if (!entry || !entry.config.enabled) {
      throw new TabagentError('unknown-tool', `The MCP server of ${registryName} is disconnected. Connect it again on the Tools page.`);
    }
    // A server that went away since is reconnected once, on demand.
    const connection = entry.connection ?? (await this.#connect(entry));
    const result = await entry.calls.during(context.engine, () =>
      connection.callTool(toolName, args, {
        signal,
        onProgress: (progress) => {
          context.progress?.(progress);
          for (const listener of this.#progressListeners) listener({ ...progress, serverId, tool: registryName });
        },
      }),
    );
    return mcpResultValue(result, registryName);
  }

  #status(entry: Entry): McpServerStatus {
    const info = entry.connection?.serverInfo;
    const oauth = this.#signIns.view(entry);
    return {
      id: entry.config.id,
      url: entry.config.url,
      name: entry.config.name,
      enabled: entry.config.enabled,
      state: entry.state,
      ...(entry.connection ? { transport: entry.connection.transport } : {}),
      ...(info ? { serverInfo: info } : {}),
      ...(entry.error ? { error: { code: entry.error.code, message: entry.error.message } } : {}),
      tools: [...entry.tools.keys()],
      resources: [...entry.resources],
      prompts: [...entry.prompts],
      skipped: [...entry.skipped],
      authHeaders: Object.keys(entry.config.headerSecrets),
      ...(oauth ? { oauth } : {}),
    };
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
