import type { ContextProvider, ContextSection } from '../../core/agent/turn-context';
import { TabagentError } from '../../core/errors';
import type { AttachedResourceRef } from '../../core/transcript';
import type { ToolRegistry } from '../registry';
import { isPrivateOrigin } from '../private-address';
import type { McpResourceContents } from './mcp-connection';
import type { McpServerManager, McpServerStatus } from './mcp-server-manager';

/** Longest resource text quoted into a message or returned by `read_resource` (characters). */
export const MAX_RESOURCE_CHARS = 20_000;

/** The name of the tool the agent reads resources with. */
export const READ_RESOURCE_TOOL = 'read_resource';

/**
 * The text of a `resources/read` result: text contents as they are (several joined, each under
 * its URI), binary contents described rather than inlined. Cut at `maxChars`, saying so.
 */
export function resourceText(result: McpResourceContents, maxChars = MAX_RESOURCE_CHARS): string {
  const several = result.contents.length > 1;
  const parts = result.contents.map((content) => {
    const body =
      'text' in content && typeof content.text === 'string'
        ? content.text
        : `[binary content${content.mimeType ? ` (${content.mimeType})` : ''}, ${'blob' in content && typeof content.blob === 'string' ? Math.floor((content.blob.length * 3) / 4) : 0} bytes, not shown]`;
    return several ? `${content.uri}:\n${body}` : body;
  });
  const text = parts.join('\n\n');
  return text.length > maxChars ? `${text.slice(0, maxChars)}\n[… cut at ${maxChars} characters]` : text;
}

/** A resource attached to a message, with its latest text. */
export interface AttachedResource extends AttachedResourceRef {
  text: string;
}

/** A resource as a context section of the message: quoted as untrusted, numbered for [n] citations. */
export function resourceSection(resource: AttachedResource): ContextSection {
  return { kind: 'resource', title: `${resource.name} (${resource.uri}, MCP server ${resource.serverName})`, text: resource.text, untrusted: true, ref: resource.uri };
}

/**
 * The resources attached to the message being written. Attaching reads the resource and, when
 * the server allows it, subscribes to it: a `notifications/resources/updated` re-reads it, so what
 * is sent is the current text. `contextProvider` hands them to the turn as untrusted sections.
 */
export class ResourceAttachments {
  readonly #manager: McpServerManager;
  readonly #items = new Map<string, AttachedResource>();
  readonly #listeners = new Set<() => void>();
  readonly #stop: () => void;

  constructor(manager: McpServerManager) {
    this.#manager = manager;
    this.#stop = manager.onResourceUpdated((serverId, uri) => void this.#refresh(serverId, uri));
  }

  static #key(serverId: string, uri: string): string {
    return `${serverId}\n${uri}`;
  }

  /** Reads `uri` from the server and attaches it (again, when it already is). */
  async attach(serverId: string, uri: string, name?: string): Promise<AttachedResource> {
    const connection = await this.#manager.connection(serverId);
    const status = this.#manager.statuses().find((server) => server.id === serverId);
    const text = resourceText(await connection.readResource(uri));
    const item: AttachedResource = { serverId, serverName: status?.name || connection.origin, uri, name: name ?? status?.resources.find((resource) => resource.uri === uri)?.name ?? uri, text };
    const key = ResourceAttachments.#key(serverId, uri);
    const isNew = !this.#items.has(key);
    this.#items.set(key, item);
    if (isNew && connection.canSubscribe) await connection.subscribeResource(uri).catch(() => undefined);
    this.#notify();
    return item;
  }

  /** Detaches a resource and ends its subscription. */
  async detach(serverId: string, uri: string): Promise<void> {
    if (!this.#items.delete(ResourceAttachments.#key(serverId, uri))) return;
    this.#notify();
    const connection = await this.#manager.connection(serverId).catch(() => undefined);
    if (connection?.canSubscribe) await connection.unsubscribeResource(uri).catch(() => undefined);
  }

  /** What is attached now, in attaching order. */
  list(): AttachedResource[] {
    return [...this.#items.values()];
  }

  /** Detaches everything (after the message was sent). */
  async clear(): Promise<void> {
    await Promise.all(this.list().map((item) => this.detach(item.serverId, item.uri)));
  }

  /** Calls `listener` after attaching, detaching or a refresh; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The attached resources as the turn's untrusted sections. */
  contextProvider(): ContextProvider {
    return () => Promise.resolve(this.list().map(resourceSection));
  }

  /** Stops listening for updates (the subscriptions end with the connections). */
  dispose(): void {
    this.#stop();
  }

  async #refresh(serverId: string, uri: string): Promise<void> {
    const item = this.#items.get(ResourceAttachments.#key(serverId, uri));
    if (!item) return;
    try {
      const connection = await this.#manager.connection(serverId);
      this.#items.set(ResourceAttachments.#key(serverId, uri), { ...item, text: resourceText(await connection.readResource(uri)) });
      this.#notify();
    } catch {
      // The last text read stays attached; the next update tries again.
    }
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

function serverFor(statuses: McpServerStatus[], name: string): McpServerStatus {
  const server = statuses.find((status) => status.name === name || status.id === name);
  if (!server) {
    const names = statuses.filter((status) => status.state === 'connected').map((status) => status.name);
    throw new TabagentError('invalid-arguments', `No MCP server is named "${name}". Connected servers: ${names.join(', ') || 'none'}.`);
  }
  return server;
}

/**
 * Keeps one `read_resource` tool in the registry while any connected server offers resources:
 * arguments `server` (its label) and `uri`, the answer the resource's text (untrusted, as every
 * MCP result). It may reach only the origins of those servers, and is re-registered when they
 * change. Returns the function that removes it and stops listening.
 */
export function registerReadResourceTool(registry: ToolRegistry, manager: McpServerManager): () => void {
  let registeredFor = '';
  const sync = () => {
    const servers = manager.statuses().filter((status) => status.state === 'connected' && status.resources.length > 0);
    const key = JSON.stringify(servers.map((server) => [server.name, server.url]));
    if (key === registeredFor) return;
    registeredFor = key;
    if (servers.length === 0) {
      registry.unregister(READ_RESOURCE_TOOL);
      return;
    }
    const origins = [...new Set(servers.map((server) => new URL(server.url).origin))];
    registry.register(
      {
        name: READ_RESOURCE_TOOL,
        description: `Reads a resource (a file, a record, a page) from a connected MCP server by its URI. Servers with resources: ${servers.map((server) => server.name).join(', ')}.`,
        parameters: {
          type: 'object',
          properties: {
            server: { type: 'string', enum: servers.map((server) => server.name), description: 'The MCP server to read from.' },
            uri: { type: 'string', description: 'The resource URI, e.g. one the server listed or a template filled in.' },
          },
          required: ['server', 'uri'],
        },
        kind: 'mcp',
        sideEffects: false,
        allowedOrigins: origins,
        ...(origins.some((origin) => isPrivateOrigin(origin)) ? { privateNetwork: true } : {}),
      },
      async (args, context) => {
        const server = serverFor(manager.statuses(), String(args.server));
        const connection = await manager.connection(server.id);
        return resourceText(await connection.readResource(String(args.uri), context.signal));
      },
      { replace: true },
    );
  };
  sync();
  const stop = manager.subscribe(sync);
  return () => {
    stop();
    if (registeredFor) registry.unregister(READ_RESOURCE_TOOL);
  };
}
