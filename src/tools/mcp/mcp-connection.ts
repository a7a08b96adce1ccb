import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import {
  ResourceUpdatedNotificationSchema,
  type CallToolResult,
  type GetPromptResult,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplate,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { abortedError, TabagentError } from '../../core/errors';
import { originOf } from '../origins';
import type { ResolveSecret } from '../secrets';
import { callError, connectError, httpStatusOf } from './mcp-errors';
import { collectPages } from './pagination';
import type { McpElicitationHandler } from './elicitation';
import { installElicitationHandler } from './elicitation-handler';
import { installSamplingHandler, type McpRequester, type McpSamplingHandlers } from './sampling';
import { createServerFetch, type HeaderSecrets } from './server-fetch';

export type {
  CallToolResult as McpCallResult,
  GetPromptResult as McpPromptResult,
  Prompt as McpPrompt,
  ReadResourceResult as McpResourceContents,
  Resource as McpResource,
  ResourceTemplate as McpResourceTemplate,
  Tool as McpTool,
};

/** Which wire protocol a connection speaks. */
export type McpTransportKind = 'streamable-http' | 'sse';

/** What can change on a server and be announced with a `notifications/…/list_changed`. */
export type McpListKind = 'tools' | 'resources' | 'prompts';

/** Progress the server reported for a running call. */
export interface McpProgress {
  progress: number;
  total?: number;
  message?: string;
}

export interface McpConnectOptions {
  /** Auth headers by secret reference, resolved per request for the server's origin only. */
  headerSecrets?: HeaderSecrets;
  resolveSecret?: ResolveSecret;
  /** Underlying fetch (tests, and later the network door). */
  fetch?: typeof fetch;
  /** 'auto' (default) tries Streamable HTTP, then the older HTTP+SSE transport. */
  transport?: 'auto' | McpTransportKind;
  /** Called when the server announces that a list changed (debounced). */
  onListChanged?: (kind: McpListKind) => void;
  /** Called once when the connection closes without our asking (server gone, session ended). */
  onClosed?: () => void;
  /** Stops connecting. */
  signal?: AbortSignal;
  /** Called when a subscribed resource changed (`notifications/resources/updated`). */
  onResourceUpdated?: (uri: string) => void;
  /** OAuth sign-in of this server (see ./oauth): the SDK adds its bearer token and refreshes it. */
  authProvider?: OAuthClientProvider;
  /** Wraps the server's origin-bound fetch, to let OAuth reach the authorization server (`createOAuthFetch`). */
  wrapFetch?: (serverFetch: typeof fetch) => typeof fetch;
  /** Answers the server's `sampling/createMessage` (declares the sampling capability). */
  sampling?: McpSamplingHandlers;
  /** Answers the server's `elicitation/create`, form and URL modes (declares the elicitation capability). */
  elicitation?: McpElicitationHandler;
  /** How the server is named to the person in those requests (default: its origin). */
  requester?: () => McpRequester;
}

export interface McpCallOptions {
  signal?: AbortSignal;
  onProgress?: (progress: McpProgress) => void;
  /** Longest wait for the answer, reset by each progress report (default 10 minutes: the executor's own timeout usually ends a call first). */
  timeoutMs?: number;
}

const CLIENT_INFO = { name: 'tabagent', version: '0.1.0' };
const LIST_DEBOUNCE_MS = 150;
const DEFAULT_CALL_TIMEOUT_MS = 600_000;

/**
 * One live connection to an MCP server over HTTP, through @modelcontextprotocol/sdk. Lists come
 * back complete (every page followed); calls carry progress and cancellation. Credentials are
 * given as secret ids and resolved per request (see `createServerFetch`).
 */
export class McpConnection {
  readonly url: string;
  readonly origin: string;
  readonly transport: McpTransportKind;
  readonly #client: Client;
  readonly #wire: Transport;
  #closedByUs = false;

  private constructor(url: string, origin: string, transport: McpTransportKind, client: Client, wire: Transport) {
    this.url = url;
    this.origin = origin;
    this.transport = transport;
    this.#client = client;
    this.#wire = wire;
  }

  /**
   * Connects and completes the MCP handshake. With `transport: 'auto'` a server that answers the
   * Streamable HTTP POST with 400, 404 or 405 is tried again over the older HTTP+SSE transport
   * (what the spec asks of clients that support both). Throws a TabagentError saying what to fix.
   */
  static async connect(url: string, options: McpConnectOptions = {}): Promise<McpConnection> {
    const origin = originOf(url);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new TabagentError('config', `"${url}" is not a URL. Give the MCP server's full address, like http://127.0.0.1:3001/mcp.`);
    }
    if (!origin || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new TabagentError('config', `"${url}" is not an http(s) address. Give the MCP server's full address, like http://127.0.0.1:3001/mcp.`);
    }
    const originFetch = createServerFetch({
      origin,
      ...(options.headerSecrets ? { headerSecrets: options.headerSecrets } : {}),
      ...(options.resolveSecret ? { resolveSecret: options.resolveSecret } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const serverFetch = options.wrapFetch ? options.wrapFetch(originFetch) : originFetch;
    const wanted = options.transport ?? 'auto';
    if (wanted !== 'sse') {
      try {
        return await McpConnection.#open(parsed, origin, 'streamable-http', serverFetch, options);
      } catch (error) {
        const status = httpStatusOf(error);
        const fallBack = wanted === 'auto' && (status === 400 || status === 404 || status === 405);
        if (!fallBack) throw connectError(error, url);
      }
    }
    try {
      return await McpConnection.#open(parsed, origin, 'sse', serverFetch, options);
    } catch (error) {
      throw connectError(error, url);
    }
  }

  static async #open(
    url: URL,
    origin: string,
    kind: McpTransportKind,
    serverFetch: typeof fetch,
    options: McpConnectOptions,
  ): Promise<McpConnection> {
    options.signal?.throwIfAborted();
    const onChanged = (kind: McpListKind) => ({
      autoRefresh: false,
      debounceMs: LIST_DEBOUNCE_MS,
      onChanged: () => options.onListChanged?.(kind),
    });
    // The SDK re-lists only the first page on its own; we re-list everything ourselves.
    const client = new Client(CLIENT_INFO, {
      capabilities: {
        // Declared only when answered: a server then offers its sampling and elicitation tools.
        ...(options.sampling ? { sampling: {} } : {}),
        ...(options.elicitation ? { elicitation: { form: {}, url: {} } } : {}),
      },
      // The SDK's default (Ajv) compiles output schemas with `new Function`, which the page's CSP
      // (no 'unsafe-eval') refuses; this one interprets them (docs/network-and-security.md).
      jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
      listChanged: { tools: onChanged('tools'), resources: onChanged('resources'), prompts: onChanged('prompts') },
    });
    const transport: Transport =
      kind === 'streamable-http'
        ? new StreamableHTTPClientTransport(url, { fetch: serverFetch, ...(options.authProvider ? { authProvider: options.authProvider } : {}) })
        : new SSEClientTransport(url, { fetch: serverFetch, ...(options.authProvider ? { authProvider: options.authProvider } : {}) });
    const connection = new McpConnection(url.href, origin, kind, client, transport);
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => options.onResourceUpdated?.(notification.params.uri));
    const requester = options.requester ?? (() => ({ name: origin, origin }));
    if (options.sampling) installSamplingHandler(client, options.sampling, requester);
    if (options.elicitation) installElicitationHandler(client, options.elicitation, requester);
    client.onclose = () => {
      if (!connection.#closedByUs) options.onClosed?.();
    };
    const abort = () => void client.close().catch(() => undefined);
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      await client.connect(transport, { ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      connection.#closedByUs = true;
      await client.close().catch(() => undefined);
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    return connection;
  }

  /** The server's name and version from the handshake. */
  get serverInfo(): { name: string; title?: string; version: string } | undefined {
    const info = this.#client.getServerVersion();
    return info ? { name: info.name, version: info.version, ...(info.title ? { title: info.title } : {}) } : undefined;
  }

  /** The server's instructions from the handshake, if it gave any (untrusted text). */
  get instructions(): string | undefined {
    return this.#client.getInstructions();
  }

  /** Every tool the server offers (all pages). */
  async listTools(signal?: AbortSignal): Promise<Tool[]> {
    if (!this.#client.getServerCapabilities()?.tools) return [];
    return collectPages(async (cursor) => {
      const result = await this.#client.listTools(cursor ? { cursor } : {}, signal ? { signal } : undefined);
      return { items: result.tools, nextCursor: result.nextCursor };
    }, 'tools');
  }

  /** Every resource the server offers (all pages); none when it has no resources capability. */
  async listResources(signal?: AbortSignal): Promise<Resource[]> {
    if (!this.#client.getServerCapabilities()?.resources) return [];
    return collectPages(async (cursor) => {
      const result = await this.#client.listResources(cursor ? { cursor } : {}, signal ? { signal } : undefined);
      return { items: result.resources, nextCursor: result.nextCursor };
    }, 'resources');
  }

  /** Every prompt the server offers (all pages); none when it has no prompts capability. */
  async listPrompts(signal?: AbortSignal): Promise<Prompt[]> {
    if (!this.#client.getServerCapabilities()?.prompts) return [];
    return collectPages(async (cursor) => {
      const result = await this.#client.listPrompts(cursor ? { cursor } : {}, signal ? { signal } : undefined);
      return { items: result.prompts, nextCursor: result.nextCursor };
    }, 'prompts');
  }

  /** Every resource template the server offers (all pages); see ./resources. */
  async listResourceTemplates(signal?: AbortSignal): Promise<ResourceTemplate[]> {
    if (!this.#client.getServerCapabilities()?.resources) return [];
    return collectPages(async (cursor) => {
      const result = await this.#client.listResourceTemplates(cursor ? { cursor } : {}, signal ? { signal } : undefined);
      return { items: result.resourceTemplates, nextCursor: result.nextCursor };
    }, 'resources');
  }

  /** Reads one resource (`resources/read`). */
  readResource(uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.#client.readResource({ uri }, signal ? { signal } : undefined);
  }

  /** Whether the server lets us subscribe to resource changes. */
  get canSubscribe(): boolean {
    return this.#client.getServerCapabilities()?.resources?.subscribe === true;
  }

  /** Asks for `notifications/resources/updated` about `uri` (see `onResourceUpdated`). */
  async subscribeResource(uri: string): Promise<void> {
    await this.#client.subscribeResource({ uri });
  }

  async unsubscribeResource(uri: string): Promise<void> {
    await this.#client.unsubscribeResource({ uri });
  }

  /** Fills in one prompt (`prompts/get`); see ./prompts. */
  getPrompt(name: string, args: Record<string, string>, signal?: AbortSignal): Promise<GetPromptResult> {
    return this.#client.getPrompt({ name, arguments: args }, signal ? { signal } : undefined);
  }

  /**
   * Calls a tool. Aborting `signal` cancels the request on the server too (the SDK sends
   * `notifications/cancelled`). Failures become TabagentErrors; a result with `isError` is
   * returned as it is, for the caller to judge.
   */
  async callTool(name: string, args: Record<string, unknown>, options: McpCallOptions = {}): Promise<CallToolResult> {
    const { signal, onProgress } = options;
    try {
      const result = await this.#client.callTool({ name, arguments: args }, undefined, {
        ...(signal ? { signal } : {}),
        ...(onProgress
          ? {
              onprogress: (progress) =>
                onProgress({
                  progress: progress.progress,
                  ...(progress.total !== undefined ? { total: progress.total } : {}),
                  ...(progress.message !== undefined ? { message: progress.message } : {}),
                }),
            }
          : {}),
        timeout: options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
        resetTimeoutOnProgress: true,
      });
      return result as CallToolResult;
    } catch (error) {
      // The SDK reports any abort as a request timeout; the signal knows the real reason.
      if (signal?.aborted) {
        throw TabagentError.is(signal.reason) ? signal.reason : abortedError(`Tool ${name} was stopped.`, { cause: error });
      }
      throw callError(error, name, this.url);
    }
  }

  /** Closes the connection (ends the session on servers that keep one). */
  async close(): Promise<void> {
    if (this.#closedByUs) return;
    this.#closedByUs = true;
    // Ends the server's session too, instead of leaving it to time out there.
    if (this.#wire instanceof StreamableHTTPClientTransport) await this.#wire.terminateSession().catch(() => undefined);
    await this.#client.close().catch(() => undefined);
  }
}
