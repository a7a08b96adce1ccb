import { TabagentError } from '../../core/errors';
import type { McpServerRecord, TabagentDb, ToolRecord } from '../../store';
import { bytesToBase64 } from '../../store/base64';
import { loadMcpModule, loadOpenApiModule } from '../../tools/openapi-entry';
import type { McpServerManager, McpServerStatus } from '../../tools/mcp';
import type { McpElicitationHandler } from '../../tools/mcp/elicitation';
import type { McpSamplingHandlers } from '../../tools/mcp/sampling-types';
import { parseMcpServersJson } from '../../tools/mcp/import-mcp-servers';
import { waitForReconnect, type ReconnectWaitOptions, type ReconnectWaitOutcome } from '../../tools/mcp/reconnect-wait';
import { isOpenApiBinding } from '../../tools/openapi/binding-check';
import { createOpenApiImplementation, createOpenApiPreview } from '../../tools/openapi/execute';
import { originOf, type ToolGrant } from '../../tools/origins';
import { isPrivateOrigin } from '../../tools/private-address';
import type { ToolRegistry } from '../../tools/registry';
import type { ResolveSecret } from '../../tools/secrets';
import { createMcpContent, type McpContent } from './mcp-content';
import { idbServerStore } from './mcp-server-records';
import { openApiPreviewOf, readOpenApiDocument } from './openapi-document';
import { createOAuthSecretStore } from './oauth-secrets';
import { createMcpSignIns, type McpSignInsOptions } from './mcp-sign-ins';
import { deleteSecrets, orphanSecrets, storedSecretResolver, storeSecret } from './stored-secrets';
import { sourceOf } from './tool-source';
import type { LibraryTool, OpenApiChoice, OpenApiPreview, ToolLibraryServices } from './tool-library-services';

/** Where the library keeps credentials the person types (the network door's vault in the app). */
export interface LibrarySecrets {
  store(secret: { id: string; label: string; value: string; origins: string[] }): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** A value (or the door's placeholder for it) for a request to `origin`; undefined when not granted there. */
  resolve: ResolveSecret;
}

export interface ToolLibraryOptions {
  /** The registry the agent's executor runs. */
  registry: ToolRegistry;
  /** Fetch for OpenAPI documents and MCP connections (default: the global one). */
  fetch?: typeof fetch;
  /** A fetch that tells the network door who asks (`mcp`, `openapi-import`); preferred over `fetch`. */
  fetchFor?: (requester: string) => typeof fetch;
  /** Grants origins while something the person started runs (a connection, a download); returns the release. */
  grant?: (origins: readonly string[], holder: string) => () => void;
  /** Default: the `secrets` store, read directly. */
  secrets?: LibrarySecrets;
  now?: () => number;
  createId?: () => string;
  /** Answers MCP servers' sampling requests (the person approves; the completion runs without tools). */
  sampling?: McpSamplingHandlers;
  /** Answers MCP servers' elicitation requests (a form or a URL, shown to the person). */
  elicitation?: McpElicitationHandler;
  /** Where authorization servers send the person back (default: `<this page's origin>/?oauth=callback`; none outside a page). */
  oauthRedirectUrl?: string;
  /** Opens the sign-in popup (default: `openSignInWindow`, the page's `window.open`). */
  openSignInWindow?: McpSignInsOptions['openSignInWindow'];
}

/** The app's tool library, plus what the network door needs from it. */
export interface ToolLibrary extends ToolLibraryServices {
  /** Origins the library's own connections need now: each enabled MCP server's, held by `mcp:<name>`. */
  grants(): ToolGrant[];
  /**
   * Waits (5 s at most by default) for the saved MCP servers still reconnecting after a reload,
   * so a turn sent meanwhile is offered their tools instead of silently fewer.
   */
  waitForServers(options?: ReconnectWaitOptions): Promise<ReconnectWaitOutcome>;
  /** Servers' resources and prompts, and the resources attached to a message as a run's context. */
  content: McpContent;
}

/**
 * The app's tool library over the agent's registry and IndexedDB: imported OpenAPI tools are
 * saved in `tools` (manifest plus binding) and rebuilt at start; MCP servers are saved in
 * `mcpServers` and reconnected; credentials typed by the person go to `secrets`, tied to the
 * API's or server's origin, and only their ids are kept anywhere else. The MCP SDK and the
 * OpenAPI parser load on first use.
 */
export function createToolLibrary(options: ToolLibraryOptions): ToolLibrary {
  const { registry } = options;
  const now = options.now ?? (() => Date.now());
  const createId = options.createId ?? (() => crypto.randomUUID());
  const fetchFor = (requester: string): typeof fetch =>
    options.fetchFor?.(requester) ?? options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const grantWhile = async <T>(origin: string | undefined, holder: string, work: () => Promise<T>): Promise<T> => {
    const release = origin && options.grant ? options.grant([origin], holder) : undefined;
    try {
      return await work();
    } finally {
      release?.();
    }
  };
  const listeners = new Set<() => void>();
  const previews = new Map<string, { text: string; specUrl?: string; serverUrl?: string }>();
  let openDatabase: (() => Promise<TabagentDb>) | undefined;
  let starting: Promise<void> | undefined;
  let manager: Promise<McpServerManager> | undefined;
  let loadedManager: McpServerManager | undefined;
  /** The saved servers' reconnect at start, while it lasts (turns wait for it, briefly). */
  let reconnecting: Promise<void> | undefined;

  const notify = () => {
    for (const listener of listeners) listener();
  };
  registry.subscribe(notify);

  function database(): Promise<TabagentDb> {
    if (!openDatabase) return Promise.reject(new TabagentError('internal', 'The tool library was not started.'));
    return openDatabase();
  }
  const secrets: LibrarySecrets = options.secrets ?? {
    store: async (secret) => storeSecret(await database(), { ...secret, now: now() }),
    remove: async (ids) => deleteSecrets(await database(), ids),
    resolve: storedSecretResolver(database),
  };
  const resolveSecret = secrets.resolve;
  const serverOf = (id: string): { name: string; origin: string | undefined } | undefined => {
    const server = loadedManager?.statuses().find((status) => status.id === id);
    return server ? { name: server.name || server.url, origin: originOf(server.url) } : undefined;
  };
  // MCP sign-ins: one secret per server, granted to the server's origin only (oauth-secrets.ts).
  const oauthStore = createOAuthSecretStore({
    database,
    originOf: (id) => serverOf(id)?.origin,
    now,
    write: (secret) => secrets.store(secret),
    remove: (ids) => secrets.remove(ids),
  });

  const signIns = createMcpSignIns({
    manager: mcpManager,
    serverOf,
    grantWhile,
    ...(options.openSignInWindow ? { openSignInWindow: options.openSignInWindow } : {}),
  });

  function mcpManager(): Promise<McpServerManager> {
    manager ??= loadMcpModule().then((module) => {
      // Where authorization servers send the person back; none outside a page.
      const redirect = options.oauthRedirectUrl ?? (typeof location === 'undefined' ? undefined : module.oauthRedirectUrl(location.origin));
      const created = new module.McpServerManager({
        registry,
        store: idbServerStore(database),
        resolveSecret,
        fetch: fetchFor('mcp'),
        now,
        createId,
        ...(options.sampling ? { sampling: options.sampling } : {}),
        ...(options.elicitation ? { elicitation: options.elicitation } : {}),
        ...(redirect
          ? {
              oauth: module.createMcpServerOAuth({
                store: oauthStore,
                redirectUrl: redirect,
                fetch: fetchFor('mcp'),
                ...(options.grant ? { grant: options.grant } : {}),
              }),
            }
          : {}),
      });
      created.subscribe(notify);
      // The agent reads servers' resources with `read_resource` while any connected server offers some.
      module.registerReadResourceTool(registry, created);
      loadedManager = created;
      return created;
    });
    return manager;
  }

  /** One imported operation in the registry, its secrets resolved at call time. */
  function registerOperation(manifest: ToolRecord['manifest'], binding: NonNullable<ToolRecord['openapi']>): void {
    registry.register(manifest, createOpenApiImplementation(binding, { resolveSecret }), { preview: createOpenApiPreview(binding, { resolveSecret }) });
  }

  function registerStoredTool(record: ToolRecord): void {
    if (record.source.kind !== 'openapi' || !record.openapi) return;
    if (!isOpenApiBinding(record.openapi, record.manifest.allowedOrigins) || registry.has(record.name)) return;
    registerOperation(record.manifest, record.openapi);
  }

  async function load(): Promise<void> {
    const db = await database();
    const [records, servers] = await Promise.all([db.getAll('tools'), db.getAll('mcpServers')]);
    for (const record of records) {
      try {
        registerStoredTool(record);
      } catch {
        // A stored tool that no longer validates is skipped, not allowed to stop the others.
      }
    }
    // Connecting can take a while (or fail): it goes on in the background.
    if (servers.length > 0) {
      const started = mcpManager()
        .then((created) => created.start())
        .catch(() => undefined)
        .finally(() => {
          if (reconnecting === started) reconnecting = undefined;
        });
      reconnecting = started;
    }
  }

  return {
    content: createMcpContent(mcpManager),

    start(open) {
      openDatabase ??= open;
      starting ??= load();
      return starting;
    },

    tools(): LibraryTool[] {
      return registry.list().map((manifest) => ({
        name: manifest.name,
        description: manifest.description,
        kind: manifest.kind,
        source: sourceOf(manifest),
        sideEffects: manifest.sideEffects,
        allowedOrigins: [...manifest.allowedOrigins],
        removable: manifest.kind === 'openapi',
      }));
    },

    servers(): McpServerStatus[] {
      return loadedManager?.statuses() ?? [];
    },

    async refreshServers() {
      // start() adds the saved servers it does not know yet (and connects the enabled ones).
      await (await mcpManager()).start();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async connectMcp({ url, auth }) {
      const origin = originOf(url.trim());
      const header = auth?.header.trim() ?? '';
      const headerSecrets: Record<string, string> = {};
      let secretId: string | undefined;
      if (auth && auth.value !== '') {
        if (!origin) throw new TabagentError('config', `"${url}" is not an http(s) address.`);
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) throw new TabagentError('config', `"${header}" is not a valid header name.`);
        secretId = createId();
        await secrets.store({ id: secretId, label: `${header} for ${origin}`, value: auth.value, origins: [origin] });
        headerSecrets[header] = secretId;
      }
      try {
        const created = await mcpManager();
        return await grantWhile(origin, 'mcp:connect', () => created.add({ url, headerSecrets }));
      } catch (error) {
        if (secretId) await secrets.remove([secretId]);
        throw error;
      }
    },

    async importMcpServers(text) {
      // Parsed before anything is written: bad JSON changes nothing.
      const { servers, refused } = parseMcpServersJson(text);
      const db = await database();
      const known = new Set((await db.getAll('mcpServers')).map((server) => server.url));
      const added: string[] = [];
      for (const server of servers) {
        const origin = originOf(server.url);
        if (!origin) continue;
        if (known.has(server.url)) {
          refused.push({ name: server.name, reason: `${server.url} is already added.` });
          continue;
        }
        const headerSecrets: Record<string, string> = {};
        for (const [header, value] of Object.entries(server.headers)) {
          const id = createId();
          await secrets.store({ id, label: `${header} for ${origin}`, value, origins: [origin] });
          headerSecrets[header] = id;
        }
        const time = now();
        // Switched off: nothing is contacted, and nothing security-relevant applied, until the person connects it.
        const record: McpServerRecord = { id: createId(), url: server.url, name: server.name.trim().slice(0, 24), enabled: false, headerSecrets, createdAt: time, updatedAt: time };
        await db.put('mcpServers', record);
        known.add(server.url);
        added.push(record.name || server.url);
      }
      if (added.length > 0) await (await mcpManager()).start();
      return { added, refused };
    },

    async reconnectMcp(id) {
      const created = await mcpManager();
      return grantWhile(serverOf(id)?.origin, 'mcp:connect', () => created.reconnect(id));
    },

    async disconnectMcp(id) {
      await (await mcpManager()).disconnect(id);
    },

    ...signIns,

    async removeMcp(id) {
      const db = await database();
      const record = await db.get('mcpServers', id);
      await (await mcpManager()).remove(id);
      // Revoked by the manager when signed in; the secret goes in any case.
      await oauthStore.remove(id);
      if (record) await secrets.remove(await orphanSecrets(db, Object.values(record.headerSecrets)));
    },

    async previewOpenApi(source) {
      // The person asked for this address: it is granted for this one download.
      const text = await readOpenApiDocument(source, (url) =>
        grantWhile(originOf(url), 'openapi-import', () => fetchFor('openapi-import')(url, { credentials: 'omit', redirect: 'follow' })),
      );
      const openapi = await loadOpenApiModule();
      const specUrl = source.url?.trim() || undefined;
      const serverUrl = source.serverUrl?.trim() || undefined;
      const result = await openapi.importOpenApiTools(text, {
        ...(specUrl ? { specUrl } : {}),
        ...(serverUrl ? { serverUrl } : {}),
        takenNames: registry.list().map((manifest) => manifest.name),
      });
      const id = createId();
      previews.set(id, { text, ...(specUrl ? { specUrl } : {}), ...(serverUrl ? { serverUrl } : {}) });
      return openApiPreviewOf(id, result);
    },

    async addOpenApi(preview: OpenApiPreview, choice: OpenApiChoice) {
      const cached = previews.get(preview.id);
      if (!cached) throw new TabagentError('config', 'This preview has expired; load the document again.');
      const chosen = new Set(choice.operations);
      const origins = [...new Set(preview.operations.filter((operation) => chosen.has(operation.key)).map((operation) => operation.origin))];
      const db = await database();
      const secretIds: Record<string, string> = {};
      for (const [scheme, value] of Object.entries(choice.secrets)) {
        if (value === '') continue;
        const id = createId();
        const kind = preview.securitySchemes.find((candidate) => candidate.name === scheme)?.kind;
        // Basic credentials are kept encoded, so the request carries the secret (or the door's placeholder) as it is.
        await secrets.store({ id, label: `${scheme} for ${preview.title}`, value: kind === 'basic' ? bytesToBase64(new TextEncoder().encode(value)) : value, origins });
        secretIds[scheme] = id;
      }
      const openapi = await loadOpenApiModule();
      const result = await openapi.importOpenApiTools(cached.text, {
        ...(cached.specUrl ? { specUrl: cached.specUrl } : {}),
        ...(cached.serverUrl ? { serverUrl: cached.serverUrl } : {}),
        secrets: secretIds,
        takenNames: registry.list().map((manifest) => manifest.name),
      });
      const selected = result.tools.filter(({ binding }) => chosen.has(`${binding.method.toUpperCase()} ${binding.path}`));
      const time = now();
      const records: ToolRecord[] = selected.map(({ manifest, binding }) => ({
        name: manifest.name,
        manifest,
        source: { kind: 'openapi', ...(cached.specUrl ? { specUrl: cached.specUrl } : {}) },
        enabled: true,
        createdAt: time,
        updatedAt: time,
        openapi: binding,
      }));
      // Registered first (this validates every manifest), then saved in one transaction.
      const added: string[] = [];
      try {
        for (const { manifest, binding } of selected) {
          registerOperation(manifest, binding);
          added.push(manifest.name);
        }
        const transaction = db.transaction('tools', 'readwrite');
        // `add`, not `put`: a stored tool of the same name (say, a custom one not loaded yet) is never overwritten.
        await Promise.all([...records.map((record) => transaction.store.add(record)), transaction.done]);
      } catch (error) {
        for (const name of added) registry.unregister(name);
        await secrets.remove(Object.values(secretIds));
        throw error;
      }
      previews.delete(preview.id);
      return added;
    },

    async removeTool(name) {
      const db = await database();
      const record = await db.get('tools', name);
      if (!record || record.source.kind !== 'openapi') throw new TabagentError('config', `${name} is not an imported tool.`);
      await db.delete('tools', name);
      registry.unregister(name);
      const used = record.openapi?.security.flat().flatMap((scheme) => (scheme.secretId ? [scheme.secretId] : [])) ?? [];
      await secrets.remove(await orphanSecrets(db, used));
    },

    async waitForServers(waitOptions) {
      // The saved servers are known once the library has read them (a quick database read).
      await starting?.catch(() => undefined);
      return waitForReconnect(reconnecting, waitOptions);
    },

    grants() {
      return (loadedManager?.statuses() ?? []).flatMap((server) => {
        const origin = server.enabled ? originOf(server.url) : undefined;
        // The person typed the server's address (a local MCP server is the usual case).
        return origin ? [{ origin, holder: `mcp:${server.name || origin}`, ...(isPrivateOrigin(origin) ? { privateNetwork: true } : {}) }] : [];
      });
    },
  };
}
