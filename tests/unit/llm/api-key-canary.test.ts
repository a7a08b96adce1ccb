import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { TabagentError } from '../../../src/core/errors';
import { collectChat, createOpenAICompatibleEngine, type FetchLike } from '../../../src/llm';
import { deltaChunk, jsonResponse, recordingSleep, scriptedFetch, sse, sseResponse } from '../../support/fake-fetch';
import { startOpenAITestServer, type OpenAITestServer, type Reply } from '../../support/openai-test-server';
import { failure, question } from './helpers';

const CANARY = 'sk-canary-7f3a9c1e5b2d4f6a8c0e1d2c3b4a';
const HEADER_CANARY = 'hdr-canary-0123456789abcdef';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every way an error can be shown, logged, stored or sent across a worker. */
function everyRendering(error: TabagentError): string {
  return [
    error.message,
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(error.data),
    JSON.stringify(error.toJSON()),
    inspect(error, { depth: 20, showHidden: true }),
  ].join('\n');
}

function expectNoCanary(error: TabagentError): void {
  const text = everyRendering(error);
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain(HEADER_CANARY);
  // Neither half of the key (a server may mask the middle).
  expect(text).not.toContain(CANARY.slice(0, 20));
}

const echo = `Incorrect API key provided: ${CANARY}. You passed Authorization: Bearer ${CANARY}`;

describe('the API key never appears in errors', () => {
  const serverReplies: Array<[string, Reply]> = [
    ['401 echoing the key', { kind: 'status', status: 401, body: { error: { message: echo, type: 'invalid_request_error' } } }],
    ['403', { kind: 'status', status: 403, body: echo }],
    ['404', { kind: 'status', status: 404, body: { error: { message: echo } } }],
    ['400', { kind: 'status', status: 400, body: { detail: echo } }],
    ['429 retried', { kind: 'status', status: 429, headers: { 'Retry-After': '1' }, body: { error: { message: echo } } }],
    ['503 retried', { kind: 'status', status: 503, body: { error: { message: echo } } }],
    ['cut stream', { kind: 'cut', afterBytes: 500 }],
    ['error event', { kind: 'raw', contentType: 'text/event-stream', body: `event: error\ndata: ${JSON.stringify({ error: { message: echo } })}\n\n` }],
    ['bad JSON echoing the key', { kind: 'raw', contentType: 'text/event-stream', body: `data: {"key": ${CANARY}}\n\n` }],
    ['JSON error body with 200', { kind: 'raw', contentType: 'application/json', body: JSON.stringify({ error: { message: echo } }) }],
    ['non-JSON completion', { kind: 'raw', contentType: 'application/json', body: `oops ${CANARY}` }],
  ];

  it.each(serverReplies)('%s', async (_name, reply) => {
    server = await startOpenAITestServer({ respond: () => reply });
    const engine = createOpenAICompatibleEngine({
      baseUrl: server.url,
      model: 'm',
      apiKey: CANARY,
      headers: { 'api-key': HEADER_CANARY },
      sleep: recordingSleep(),
    });
    const error = await failure(collectChat(engine.chat(question)));
    expectNoCanary(error);
    // The key went where it belongs: the Authorization header of each request, and nowhere else in it.
    expect(server.requests.length).toBeGreaterThan(0);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${CANARY}`);
      expect(JSON.stringify(request.body)).not.toContain(CANARY);
    }
  });

  it('network errors whose text quotes the header', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError(`Headers.append: "Bearer ${CANARY}" is an invalid header value.`);
    };
    const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: CANARY, fetch, maxRetries: 1, sleep: recordingSleep() });
    const error = await failure(collectChat(engine.chat(question)));
    expect(error.code).toBe('network');
    expectNoCanary(error);
  });

  it('mid-stream errors, timeouts and aborts', async () => {
    const fetch = scriptedFetch([sseResponse([sse(deltaChunk({ content: 'Hi' }), { error: { message: echo, code: 500 } })])]);
    const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: CANARY, fetch });
    expectNoCanary(await failure(collectChat(engine.chat(question))));

    const stalled = createOpenAICompatibleEngine({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm',
      apiKey: CANARY,
      fetch: () => new Promise<Response>(() => undefined),
      timeoutMs: 10,
      maxRetries: 0,
    });
    const timeout = await failure(collectChat(stalled.chat(question)));
    expect(timeout.code).toBe('timeout');
    expectNoCanary(timeout);

    const aborted = await failure(collectChat(stalled.chat(question, AbortSignal.abort())));
    expectNoCanary(aborted);
  });

  it('a redirect to another origin is refused, so the key never reaches it', async () => {
    const elsewhere = await startOpenAITestServer();
    try {
      server = await startOpenAITestServer({
        respond: () => ({ kind: 'status', status: 307, headers: { Location: `${elsewhere.url}/chat/completions` }, body: '' }),
      });
      const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'm', apiKey: CANARY, maxRetries: 0 });
      const error = await failure(collectChat(engine.chat(question)));
      expect(error.code).toBe('network');
      expect(error.message).toMatch(/redirected/);
      expectNoCanary(error);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('a key in the base URL query string stays out of error data', async () => {
    const fetch = scriptedFetch([jsonResponse({ error: { message: 'bad model' } }, 404)]);
    const engine = createOpenAICompatibleEngine({ baseUrl: `http://127.0.0.1:9/v1?key=${CANARY}`, model: 'm', fetch });
    const error = await failure(collectChat(engine.chat(question)));
    expect(fetch.calls[0]?.url).toContain(CANARY); // the gateway needs it
    expectNoCanary(error);
  });
});
