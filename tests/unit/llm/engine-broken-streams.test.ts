import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAICompatibleEngine } from '../../../src/llm';
import { deltaChunk, scriptedFetch, sse, sseResponse } from '../../support/fake-fetch';
import { startOpenAITestServer, type OpenAITestServer } from '../../support/openai-test-server';
import { drain, question, textOf } from './helpers';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The answer of an engine whose fetch replies with an event stream made of these pieces. */
function streamOf(...pieces: string[]) {
  const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', fetch: scriptedFetch([sseResponse(pieces)]), maxRetries: 0 });
  return engine.chat(question);
}

const hello = sse(deltaChunk({ role: 'assistant', content: '' }), deltaChunk({ content: 'Hel' }), deltaChunk({ content: 'lo' }));

describe('broken streams', () => {
  it('a stream cut midway by the real server: malformed-stream after the partial text', async () => {
    const text = 'A long answer that the server will never finish sending to the client.';
    server = await startOpenAITestServer({ respond: () => ({ kind: 'cut', afterBytes: 900, text }) });
    const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'm' });
    const { chunks, error } = await drain(engine.chat(question));
    expect(error?.code).toBe('malformed-stream');
    expect(error?.isRetryable).toBe(false);
    expect(error?.data.incomplete).toBe(true);
    const partial = textOf(chunks);
    expect(partial.length).toBeGreaterThan(0);
    expect(text.startsWith(partial)).toBe(true);
    expect(partial).not.toBe(text);
    expect(chunks.some((chunk) => chunk.type === 'finish')).toBe(false);
    expect(server.requests).toHaveLength(1); // not retried
  });

  it('a cut in the middle of an event (mid-JSON) is incomplete, not bad JSON', async () => {
    const { chunks, error } = await drain(streamOf(hello, 'data: {"id":"x","choices":[{"index":0,"delta":{"content":"wor'));
    expect(textOf(chunks)).toBe('Hello');
    expect(error?.code).toBe('malformed-stream');
    expect(error?.data.incomplete).toBe(true);
    expect(error?.message).toMatch(/stopped in the middle/);
  });

  it('a data line that is not JSON: malformed-stream, partial text kept', async () => {
    const { chunks, error } = await drain(streamOf(hello, 'data: {this is not json}\n\n', sse(deltaChunk({ content: 'never' }))));
    expect(textOf(chunks)).toBe('Hello');
    expect(error?.code).toBe('malformed-stream');
    expect(error?.data).toMatchObject({ incomplete: true, line: '{this is not json}' });
    expect(error?.message).toMatch(/not valid JSON/);
  });

  it('a missing [DONE] after a finish reason is fine', async () => {
    const { chunks, error } = await drain(streamOf(hello, sse(deltaChunk({}, 'stop'), { choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } })));
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('Hello');
    expect(chunks.slice(-2)).toEqual([
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 2 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('no [DONE] and no finish reason: malformed-stream { incomplete: true }, thrown after the partial chunks', async () => {
    const { chunks, error } = await drain(streamOf(hello));
    expect(textOf(chunks)).toBe('Hello');
    expect(error?.code).toBe('malformed-stream');
    expect(error?.isRetryable).toBe(false);
    expect(error?.data).toMatchObject({ incomplete: true });
  });

  it('[DONE] without any finish reason still finishes (inferred)', async () => {
    const { chunks, error } = await drain(streamOf(hello, 'data: [DONE]\n\n'));
    expect(error).toBeUndefined();
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('an SSE error event mid-stream: typed error after the partial text', async () => {
    const { chunks, error } = await drain(
      streamOf(hello, 'event: error\ndata: {"error":{"message":"Rate limit exceeded upstream","type":"rate_limit_error"}}\n\n'),
    );
    expect(textOf(chunks)).toBe('Hello');
    expect(error?.code).toBe('rate-limited');
    expect(error?.message).toContain('Rate limit exceeded upstream');
    expect(error?.data.incomplete).toBe(true);
    expect(error?.isRetryable).toBe(false);
  });

  it('a JSON {"error": …} payload mid-stream (OpenRouter style): typed by its code', async () => {
    const { chunks, error } = await drain(streamOf(hello, sse({ error: { code: 502, message: 'Provider returned error' } })));
    expect(textOf(chunks)).toBe('Hello');
    expect(error?.code).toBe('server');
    expect(error?.data).toMatchObject({ status: 502, incomplete: true });
  });

  it('an error before any chunk is marked retryable for the caller', async () => {
    const { chunks, error } = await drain(streamOf(sse({ error: { message: 'overloaded', type: 'server_error' } })));
    expect(chunks).toEqual([]);
    expect(error?.code).toBe('server');
    expect(error?.isRetryable).toBe(true);
  });

  it('ignores comments, keep-alives, empty data, unknown fields and CRLF framing', async () => {
    const body = [
      ': OPENROUTER PROCESSING\r\n\r\n',
      'retry: 3000\n\n',
      'event: ping\ndata: {"type":"ping"}\n\n',
      'data:\n\n',
      `data: ${JSON.stringify(deltaChunk({ content: 'Hi' }))}\r\n\r\n`,
      ': keep-alive\n\n',
      `id: 7\ndata: ${JSON.stringify(deltaChunk({ content: '!' }, 'stop'))}\n\n`,
      'data: [DONE]\n\n',
    ];
    const { chunks, error } = await drain(streamOf(...body));
    expect(error).toBeUndefined();
    expect(chunks).toEqual([
      { type: 'text-delta', text: 'Hi' },
      { type: 'text-delta', text: '!' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('accepts a final event without its closing blank line', async () => {
    const { chunks, error } = await drain(streamOf(hello, `data: ${JSON.stringify(deltaChunk({}, 'stop'))}\n`));
    expect(error).toBeUndefined();
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('an event that never ends stops at 8 MB instead of exhausting memory', async () => {
    const megabyte = 'x'.repeat(1024 * 1024);
    const pieces = [hello, 'data: "', ...Array.from({ length: 10 }, () => megabyte)];
    const { chunks, error } = await drain(streamOf(...pieces));
    expect(textOf(chunks)).toBe('Hello');
    expect(error?.code).toBe('malformed-stream');
    expect(error?.message).toMatch(/8 MB/);
  });

  it('an HTML page instead of a stream says to check the base URL', async () => {
    const fetch = scriptedFetch([new Response('<html><body>Welcome to nginx</body></html>', { headers: { 'Content-Type': 'text/html' } })]);
    const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', fetch });
    const { error } = await drain(engine.chat(question));
    expect(error?.code).toBe('malformed-stream');
    expect(error?.message).toMatch(/base URL/);
  });

  it('maps legacy function_call deltas, content_filter and arguments sent as objects', async () => {
    const { chunks } = await drain(
      streamOf(
        sse(
          deltaChunk({ function_call: { name: 'lookup', arguments: '{"q":' } }),
          deltaChunk({ function_call: { arguments: '"x"}' } }),
          deltaChunk({}, 'function_call'),
          '[DONE]',
        ),
      ),
    );
    expect(chunks).toEqual([
      { type: 'tool-call-delta', index: 0, name: 'lookup', argumentsDelta: '{"q":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"x"}' },
      { type: 'finish', reason: 'tool-calls' },
    ]);
    const filtered = await drain(streamOf(sse(deltaChunk({ content: 'I' }), deltaChunk({}, 'content_filter'), '[DONE]')));
    expect(filtered.chunks.at(-1)).toEqual({ type: 'finish', reason: 'content-filter' });
    const objectArgs = await drain(
      streamOf(sse(deltaChunk({ tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: { x: 1 } } }] }), deltaChunk({}, 'tool_calls'), '[DONE]')),
    );
    expect(objectArgs.chunks[0]).toEqual({ type: 'tool-call-delta', index: 0, id: 'a', name: 'f', argumentsDelta: '{"x":1}' });
  });

  it('assigns indexes to tool calls sent whole without an index', async () => {
    const call = (id: string, name: string) => ({ id, type: 'function', function: { name, arguments: '{}' } });
    const { chunks } = await drain(streamOf(sse(deltaChunk({ tool_calls: [call('a', 'f')] }), deltaChunk({ tool_calls: [call('b', 'g')] }), deltaChunk({}, 'tool_calls'))));
    expect(chunks.filter((chunk) => chunk.type === 'tool-call-delta').map((chunk) => chunk.index)).toEqual([0, 1]);
  });
});
