import { afterEach, describe, expect, it } from 'vitest';
import { collectChat, createOpenAICompatibleEngine, type ChatChunk } from '../../../src/llm';
import { deltaChunk, scriptedFetch, sse, sseResponse, jsonResponse } from '../../support/fake-fetch';
import { startOpenAITestServer, type OpenAITestServer } from '../../support/openai-test-server';
import { failure, question } from './helpers';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const LONG_TEXT = 'word '.repeat(200);
/** The stream runs for about 3 s; a stop must come long before, with room for a loaded CI machine's stalls. */
const STOP_MS = 500;

/** Reads `stream` until `signal` stops it; returns the chunks seen after the abort and how long the stop took. */
async function readUntilStopped(stream: AsyncIterable<ChatChunk>, controller: AbortController, abortAfterMs: number) {
  let abortedAt = 0;
  const timer = setTimeout(() => {
    abortedAt = performance.now();
    controller.abort();
  }, abortAfterMs);
  const afterAbort: ChatChunk[] = [];
  const error = await failure(
    (async () => {
      for await (const chunk of stream) if (abortedAt !== 0) afterAbort.push(chunk);
    })(),
  );
  clearTimeout(timer);
  return { error, afterAbort, stopMs: performance.now() - abortedAt };
}

describe('abort', () => {
  it('stops a stream from the real server within 500 ms, at many moments, and the next request works', async () => {
    server = await startOpenAITestServer({
      respond: (request) =>
        request.body.messages.at(-1)?.content === 'again' ? { kind: 'text', text: 'Still here.' } : { kind: 'text', text: LONG_TEXT, chunkDelayMs: 15 },
    });
    const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'm' });
    for (const abortAfterMs of [0, 3, 10, 25, 60, 110]) {
      const controller = new AbortController();
      const { error, afterAbort, stopMs } = await readUntilStopped(engine.chat(question, controller.signal), controller, abortAfterMs);
      expect(error.code).toBe('aborted');
      expect(afterAbort).toEqual([]);
      expect(stopMs).toBeLessThan(STOP_MS);
    }
    const result = await collectChat(engine.chat({ messages: [{ role: 'user', content: 'again' }] }));
    expect(result.text).toBe('Still here.');
    expect(result.finishReason).toBe('stop');
  });

  it('no chunk after Stop, even when the consumer held a chunk while stopping', async () => {
    server = await startOpenAITestServer({ respond: () => ({ kind: 'text', text: LONG_TEXT }) });
    const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'm' });
    const controller = new AbortController();
    const seen: ChatChunk[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of engine.chat(question, controller.signal)) {
          seen.push(chunk);
          if (seen.length === 3) controller.abort();
        }
      })(),
    );
    expect(error.code).toBe('aborted');
    expect(seen).toHaveLength(3);
  });

  it('no chunk after Stop from a whole JSON answer either, nor from the closing usage and finish', async () => {
    server = await startOpenAITestServer({ respond: () => ({ kind: 'text', text: 'Whole answer.' }) });
    for (const stream of [false, true]) {
      const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'm', stream });
      const controller = new AbortController();
      const seen: ChatChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of engine.chat(question, controller.signal)) {
            seen.push(chunk);
            if (chunk.type === 'usage') controller.abort();
          }
        })(),
      );
      expect(error.code).toBe('aborted');
      expect(seen.at(-1)?.type).toBe('usage');
      expect(seen.some((chunk) => chunk.type === 'finish')).toBe(false);
    }
  });

  it('aborts while waiting for the response headers', async () => {
    server = await startOpenAITestServer({ respond: () => ({ kind: 'text', text: 'slow', delayMs: 5000 }) });
    const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'm' });
    const controller = new AbortController();
    const { error, stopMs } = await readUntilStopped(engine.chat(question, controller.signal), controller, 30);
    expect(error.code).toBe('aborted');
    expect(stopMs).toBeLessThan(STOP_MS);
  });

  it('aborts while sleeping before a retry (default clock)', async () => {
    const fetch = scriptedFetch([jsonResponse({ error: { message: 'busy' } }, 429, { 'Retry-After': '30' })]);
    const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', fetch });
    const controller = new AbortController();
    const { error, stopMs } = await readUntilStopped(engine.chat(question, controller.signal), controller, 40);
    expect(error.code).toBe('aborted');
    expect(stopMs).toBeLessThan(STOP_MS);
    expect(fetch.calls).toHaveLength(1);
  });

  it('stops promptly even when an injected fetch ignores the signal and the body stalls', async () => {
    const fetch = scriptedFetch([() => sseResponse([sse(deltaChunk({ content: 'Hello' }))], { endless: true })]);
    const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', fetch });
    const controller = new AbortController();
    const { error, stopMs } = await readUntilStopped(engine.chat(question, controller.signal), controller, 30);
    expect(error.code).toBe('aborted');
    expect(stopMs).toBeLessThan(STOP_MS);
  });

  it('an already-aborted signal fails at once without a request', async () => {
    const fetch = scriptedFetch([() => sseResponse([sse(deltaChunk({}, 'stop'))])]);
    const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', fetch });
    const error = await failure(collectChat(engine.chat(question, AbortSignal.abort())));
    expect(error.code).toBe('aborted');
    expect(fetch.calls).toHaveLength(0);
  });

  it('passes an abortable signal to fetch and aborts it when the consumer stops reading', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(sse(deltaChunk({ content: 'one' }), deltaChunk({ content: 'two' }))));
      },
      cancel() {
        cancelled = true;
      },
    });
    const fetch = scriptedFetch([() => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })]);
    const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', fetch });
    for await (const chunk of engine.chat(question)) {
      expect(chunk).toEqual({ type: 'text-delta', text: 'one' });
      break;
    }
    const signal = fetch.calls[0]?.init.signal;
    expect(signal?.aborted).toBe(true);
    expect(cancelled).toBe(true);
  });
});
