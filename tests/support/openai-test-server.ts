/**
 * A local OpenAI-compatible HTTP server for tests: unit tests drive the openai-compatible engine
 * against it, and end-to-end tests point the browser app at it (hence CORS). It listens on
 * 127.0.0.1 at a random port; what it answers is scripted per request by `respond`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  completionObject,
  errorObject,
  streamPayloads,
  toEventStream,
  type Reply,
  type ReplyContext,
  type TextReply,
  type ToolCallsReply,
} from './openai-replies';
import {
  CORS_HEADERS,
  SSE_HEADERS,
  flatHeaders,
  readBody,
  sendJson,
  wait,
  watchClose,
  type CloseWatch,
} from './test-server-http';

export type { Reply, ScriptedToolCall } from './openai-replies';

/** A chat message as clients send it (loosely typed: the server must accept what clients send). */
export interface TestChatMessage {
  role: string;
  content?: string | null;
  tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
  name?: string;
}

/** The request body of POST /v1/chat/completions. */
export interface TestChatRequestBody {
  model?: string;
  messages: TestChatMessage[];
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  max_tokens?: number;
  stop?: string[];
  [key: string]: unknown;
}

/** One chat request as received. */
export interface RecordedRequest {
  /** 0-based position among this server's chat requests. */
  index: number;
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: TestChatRequestBody;
}

export type RespondFunction = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface OpenAITestServerOptions {
  /** Decides each chat answer. Default: a short text answer. */
  respond?: RespondFunction;
  /** Model id reported by GET /v1/models and in answers when the request names none. */
  model?: string;
  /** When set, chat requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  /** Wait between streamed events. Default 0. */
  chunkDelayMs?: number;
  /** Code points of text per streamed chunk. Default 4. */
  textChunkChars?: number;
  /** Characters of tool-call arguments per streamed chunk. Default 3. */
  argumentChunkChars?: number;
  /**
   * How POST /v1/images/generations answers with its 1×1 PNG: a `url` on this server
   * (GET /v1/images/files/<n>.png) or the `b64_json` itself. Default 'url'.
   */
  imageAnswer?: 'url' | 'b64_json';
}

export interface OpenAITestServer {
  /** Base URL ending in /v1, e.g. http://127.0.0.1:41234/v1. */
  url: string;
  port: number;
  /** Every chat request received, in order. */
  requests: RecordedRequest[];
  /** Every image request received (generations and file downloads), in order, as `METHOD path`. */
  imageRequests: string[];
  close(): Promise<void>;
}

/** Starts the server; resolves once it is listening. */
export async function startOpenAITestServer(options: OpenAITestServerOptions = {}): Promise<OpenAITestServer> {
  const requests: RecordedRequest[] = [];
  const imageRequests: string[] = [];
  const server = createServer((request, response) => {
    handle(request, response, options, requests, imageRequests).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, errorObject(500, `Test server failure: ${String(error)}`));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    imageRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: OpenAITestServerOptions,
  requests: RecordedRequest[],
  imageRequests: string[],
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
  if (request.method === 'OPTIONS') {
    const headers: Record<string, string> = { ...CORS_HEADERS };
    const asked = request.headers['access-control-request-headers'];
    if (typeof asked === 'string' && asked !== '') headers['Access-Control-Allow-Headers'] = asked;
    if (request.headers['access-control-request-private-network'] === 'true') {
      headers['Access-Control-Allow-Private-Network'] = 'true';
    }
    response.writeHead(204, headers).end();
    return;
  }
  if (request.method === 'GET' && path === '/v1/models') {
    const id = options.model ?? 'test-model';
    sendJson(response, 200, { object: 'list', data: [{ id, object: 'model', created: 1_700_000_000, owned_by: 'tabagent-test' }] });
    return;
  }
  if (path.startsWith('/v1/images/')) {
    imageRequests.push(`${request.method ?? '?'} ${path}`);
    await answerImage(request, response, path, options.imageAnswer ?? 'url', imageRequests.length);
    return;
  }
  if (request.method !== 'POST' || path !== '/v1/chat/completions') {
    sendJson(response, 404, errorObject(404, `No route for ${request.method ?? '?'} ${path}.`));
    return;
  }
  const raw = await readBody(request);
  let body: TestChatRequestBody;
  try {
    body = JSON.parse(raw) as TestChatRequestBody;
  } catch {
    sendJson(response, 400, errorObject(400, 'The request body is not valid JSON.'));
    return;
  }
  if (typeof body !== 'object' || body === null || !Array.isArray(body.messages)) {
    sendJson(response, 400, errorObject(400, "'messages' is a required property."));
    return;
  }
  const recorded: RecordedRequest = { index: requests.length, method: 'POST', path, headers: flatHeaders(request), body };
  requests.push(recorded);
  if (options.apiKey !== undefined && recorded.headers.authorization !== `Bearer ${options.apiKey}`) {
    sendJson(response, 401, errorObject(401, 'Incorrect API key provided.'));
    return;
  }
  const closed = watchClose(response);
  const reply = await (options.respond ?? defaultRespond)(recorded, recorded.index);
  if (reply.delayMs !== undefined) await wait(reply.delayMs, closed);
  if (closed.value) return;
  const context: ReplyContext = {
    requestIndex: recorded.index,
    model: body.model ?? options.model ?? 'test-model',
    includeUsage: body.stream_options?.include_usage === true,
    promptText: JSON.stringify(body.messages),
    textChunkChars: options.textChunkChars ?? 4,
    argumentChunkChars: options.argumentChunkChars ?? 3,
  };
  const delay = reply.chunkDelayMs ?? options.chunkDelayMs ?? 0;
  await sendReply(response, reply, context, body.stream === true, delay, closed);
}

async function sendReply(
  response: ServerResponse,
  reply: Reply,
  context: ReplyContext,
  streamed: boolean,
  delayMs: number,
  closed: CloseWatch,
): Promise<void> {
  switch (reply.kind) {
    case 'status': {
      const body = reply.body === undefined ? errorObject(reply.status) : reply.body;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      response.writeHead(reply.status, { ...CORS_HEADERS, 'Content-Type': 'application/json', ...reply.headers }).end(text);
      return;
    }
    case 'raw':
      response.writeHead(reply.status ?? 200, { ...CORS_HEADERS, 'Content-Type': reply.contentType }).end(reply.body);
      return;
    case 'cut': {
      const text: TextReply = { kind: 'text', text: reply.text ?? 'This answer will be cut off in the middle of a sentence.' };
      const pieces = streamed
        ? streamPayloads(text, context).map((payload) => `data: ${payload}\n\n`)
        : [JSON.stringify(completionObject(text, context))];
      await writeCut(response, pieces, reply.afterBytes, streamed, delayMs, closed);
      return;
    }
    case 'text':
    case 'tool-calls':
      if (streamed) await writeStream(response, reply, context, delayMs, closed);
      else sendJson(response, 200, completionObject(reply, context));
      return;
  }
}

async function writeStream(
  response: ServerResponse,
  reply: TextReply | ToolCallsReply,
  context: ReplyContext,
  delayMs: number,
  closed: CloseWatch,
): Promise<void> {
  response.writeHead(200, { ...CORS_HEADERS, ...SSE_HEADERS });
  for (const payload of streamPayloads(reply, context)) {
    if (closed.value) return;
    response.write(toEventStream([payload]));
    if (delayMs > 0) await wait(delayMs, closed);
  }
  response.end();
}

async function writeCut(
  response: ServerResponse,
  pieces: string[],
  afterBytes: number,
  streamed: boolean,
  delayMs: number,
  closed: CloseWatch,
): Promise<void> {
  response.writeHead(200, { ...CORS_HEADERS, ...(streamed ? SSE_HEADERS : { 'Content-Type': 'application/json' }) });
  let budget = afterBytes;
  for (const piece of pieces) {
    if (closed.value || budget <= 0) break;
    const bytes = Buffer.from(piece, 'utf8');
    const part = bytes.subarray(0, Math.min(bytes.length, budget));
    budget -= part.length;
    await new Promise<void>((resolve) => response.write(part, () => resolve()));
    if (delayMs > 0) await wait(delayMs, closed);
  }
  // Give the bytes time to reach the client, then kill the connection without ending the body.
  await wait(20, closed);
  response.destroy();
}

function defaultRespond(): Reply {
  return { kind: 'text', text: 'Hello from the Tabagent test server.' };
}

/** The 1×1 PNG the images endpoint draws. */
export const TEST_SERVER_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** POST /v1/images/generations (OpenAI's answer shape) and GET /v1/images/files/<n>.png. */
async function answerImage(request: IncomingMessage, response: ServerResponse, path: string, answer: 'url' | 'b64_json', count: number): Promise<void> {
  if (request.method === 'GET' && /^\/v1\/images\/files\/\d+\.png$/.test(path)) {
    response.writeHead(200, { ...CORS_HEADERS, 'Content-Type': 'image/png' }).end(Buffer.from(TEST_SERVER_PNG, 'base64'));
    return;
  }
  if (request.method !== 'POST' || path !== '/v1/images/generations') {
    sendJson(response, 404, errorObject(404, `No route for ${request.method ?? '?'} ${path}.`));
    return;
  }
  await readBody(request);
  const host = request.headers.host ?? '127.0.0.1';
  const image = answer === 'url' ? { url: `http://${host}/v1/images/files/${count}.png` } : { b64_json: TEST_SERVER_PNG };
  sendJson(response, 200, { created: 1_700_000_000, data: [image] });
}
