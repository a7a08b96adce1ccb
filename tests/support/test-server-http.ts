/** Plain node:http plumbing for the OpenAI-compatible test server. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Lets a page on another localhost port call the server, Authorization header included. */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  // `*` does not cover Authorization, so it is named.
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
  // Without this a page cannot read Retry-After from a cross-origin 429.
  'Access-Control-Expose-Headers': 'Retry-After, retry-after-ms, x-request-id',
  'Access-Control-Max-Age': '600',
};

/** Headers of a server-sent event stream, as OpenAI sends them. */
export const SSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
};

/** Sends a JSON body with CORS headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

/** Reads the whole request body as UTF-8 text. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

/** Request headers as one string per (lower-cased) name. */
export function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Whether the client went away, so streaming stops instead of writing into the void. */
export interface CloseWatch {
  value: boolean;
  whenClosed: Promise<void>;
}

/** Starts watching `response` for the client going away. */
export function watchClose(response: ServerResponse): CloseWatch {
  let markClosed: () => void = () => undefined;
  const state: CloseWatch = { value: false, whenClosed: new Promise<void>((resolve) => (markClosed = resolve)) };
  response.on('close', () => {
    state.value = true;
    markClosed();
  });
  return state;
}

/** Sleeps, but wakes at once when the client disconnects (so no timer outlives a test). */
export function wait(ms: number, closed: CloseWatch): Promise<void> {
  if (closed.value) return Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    closed.whenClosed,
  ]).finally(() => clearTimeout(timer));
}
