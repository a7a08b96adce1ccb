/**
 * A local HTTP server that stands in for a real API in tests: it records every request (method,
 * path, query, headers, raw body) and answers as `respond` says. It listens on 127.0.0.1 at a
 * random port and allows any origin (CORS), so browser pages can call it too; it can also serve
 * fixed files (an OpenAPI document) from `files`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedHttpRequest {
  method: string;
  /** The path without the query. */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  readonly requests: RecordedHttpRequest[];
  close(): Promise<void>;
}

export interface RecordingServerOptions {
  /** Path → file content served to GET with its content type. */
  files?: Record<string, { contentType: string; body: string }>;
  /** What to answer (undefined: 200 with the method and path echoed as JSON). */
  respond?: (request: RecordedHttpRequest) => CannedResponse | undefined;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': '*, Authorization',
  'Access-Control-Max-Age': '600',
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
  const requests: RecordedHttpRequest[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method === 'OPTIONS') {
        response.writeHead(204, CORS).end();
        return;
      }
      const file = request.method === 'GET' ? options.files?.[url.pathname] : undefined;
      if (file) {
        response.writeHead(200, { ...CORS, 'Content-Type': file.contentType }).end(file.body);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const recorded: RecordedHttpRequest = {
        method: request.method ?? '',
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        headers,
        body: await readBody(request),
      };
      requests.push(recorded);
      const answer = options.respond?.(recorded) ?? { body: { received: { method: recorded.method, path: recorded.path } } };
      const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const contentType = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
      response.writeHead(answer.status ?? 200, { ...CORS, 'Content-Type': contentType, ...answer.headers }).end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
