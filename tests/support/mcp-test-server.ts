/**
 * A small MCP server for tests, built on the SDK's own server classes and served over Streamable
 * HTTP on 127.0.0.1 at a random port. Unlike server-everything it can be steered: it pages its
 * lists, changes its tool list on demand, checks an auth header, and has a slow tool that reports
 * progress and notices cancellation.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';

export interface McpTestServerOptions {
  /** How many generated `tool_<n>` tools besides `echo` and `slow` (default 0). */
  extraTools?: number;
  /** Items per page of every list (default: everything on one page). */
  pageSize?: number;
  resources?: number;
  prompts?: number;
  /** When set, requests without exactly this header value get 401. */
  requireHeader?: { name: string; value: string };
}

export interface McpTestServer {
  url: string;
  /** Headers of every HTTP request received (lower-cased names). */
  readonly requests: Array<{ method: string; headers: Record<string, string> }>;
  /** tools/list requests received, with their cursors. */
  readonly listCursors: Array<string | undefined>;
  /** Calls of `slow` that were cancelled by the client. */
  readonly cancelled: string[];
  /** Adds a tool and tells every connected client that the list changed. */
  addTool(tool: Tool): Promise<void>;
  /** Removes a tool and tells every connected client. */
  removeTool(name: string): Promise<void>;
  close(): Promise<void>;
}

function page<T>(items: T[], cursor: string | undefined, size: number | undefined): { items: T[]; nextCursor?: string } {
  const start = cursor ? Number(cursor.replace('page-', '')) : 0;
  const end = size ? start + size : items.length;
  return { items: items.slice(start, end), ...(end < items.length ? { nextCursor: `page-${end}` } : {}) };
}

export async function startMcpTestServer(options: McpTestServerOptions = {}): Promise<McpTestServer> {
  const tools: Tool[] = [
    {
      name: 'echo',
      description: 'Echoes the message back.',
      inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
      annotations: { readOnlyHint: true },
    },
    {
      name: 'slow',
      description: 'Works for a while, reporting progress every 50 ms.',
      inputSchema: { type: 'object', properties: { steps: { type: 'number' } } },
      annotations: { readOnlyHint: true },
    },
    ...Array.from({ length: options.extraTools ?? 0 }, (_, index): Tool => ({
      name: `tool.${index}`,
      description: `Generated tool ${index}.`,
      inputSchema: { type: 'object', properties: {} },
    })),
  ];
  const resources = Array.from({ length: options.resources ?? 0 }, (_, index) => ({ uri: `test://resource/${index}`, name: `resource ${index}` }));
  const prompts = Array.from({ length: options.prompts ?? 0 }, (_, index) => ({ name: `prompt_${index}`, description: `Prompt ${index}` }));
  const requests: McpTestServer['requests'] = [];
  const listCursors: Array<string | undefined> = [];
  const cancelled: string[] = [];
  const sessions = new Map<string, { server: Server; transport: StreamableHTTPServerTransport }>();

  function newSession(): { server: Server; transport: StreamableHTTPServerTransport } {
    const server = new Server(
      { name: 'tests/paged-server', version: '1.0.0' },
      { capabilities: { tools: { listChanged: true }, resources: { listChanged: true }, prompts: { listChanged: true } } },
    );
    server.setRequestHandler(ListToolsRequestSchema, (request) => {
      listCursors.push(request.params?.cursor);
      const result = page(tools, request.params?.cursor, options.pageSize);
      return { tools: result.items, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
    });
    server.setRequestHandler(ListResourcesRequestSchema, (request) => {
      const result = page(resources, request.params?.cursor, options.pageSize);
      return { resources: result.items, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
    });
    server.setRequestHandler(ListPromptsRequestSchema, (request) => {
      const result = page(prompts, request.params?.cursor, options.pageSize);
      return { prompts: result.items, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
    });
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const args = request.params.arguments ?? {};
      if (request.params.name === 'echo') return { content: [{ type: 'text', text: `echo: ${String(args.message)}` }] };
      if (request.params.name === 'slow') {
        const steps = typeof args.steps === 'number' ? args.steps : 100;
        const token = request.params._meta?.progressToken;
        for (let step = 1; step <= steps; step += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          if (extra.signal.aborted) {
            cancelled.push(String(extra.requestId));
            throw new Error('cancelled');
          }
          if (token !== undefined) {
            await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: step, total: steps } });
          }
        }
        return { content: [{ type: 'text', text: `done after ${steps} steps` }] };
      }
      if (tools.some((tool) => tool.name === request.params.name)) return { content: [{ type: 'text', text: `ran ${request.params.name}` }] };
      return { content: [{ type: 'text', text: `no tool ${request.params.name}` }], isError: true };
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { server, transport });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    return { server, transport };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
    requests.push({ method: request.method ?? '', headers });
    if (options.requireHeader && headers[options.requireHeader.name.toLowerCase()] !== options.requireHeader.value) {
      response.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized' }));
      return;
    }
    if (new URL(request.url ?? '/', 'http://x').pathname !== '/mcp') {
      response.writeHead(404).end();
      return;
    }
    const sessionId = headers['mcp-session-id'];
    const existing = sessionId ? sessions.get(sessionId) : undefined;
    if (existing) {
      await existing.transport.handleRequest(request, response);
      return;
    }
    if (sessionId || request.method !== 'POST') {
      response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'unknown session' }));
      return;
    }
    const session = newSession();
    await session.server.connect(session.transport);
    await session.transport.handleRequest(request, response);
  }

  const http = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  async function broadcast(): Promise<void> {
    await Promise.all([...sessions.values()].map(({ server }) => server.sendToolListChanged().catch(() => undefined)));
  }

  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests,
    listCursors,
    cancelled,
    async addTool(tool) {
      tools.push(tool);
      await broadcast();
    },
    async removeTool(name) {
      const index = tools.findIndex((tool) => tool.name === name);
      if (index >= 0) tools.splice(index, 1);
      await broadcast();
    },
    async close() {
      await Promise.all([...sessions.values()].map(({ transport }) => transport.close().catch(() => undefined)));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
