import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAITestServer, type OpenAITestServer, type OpenAITestServerOptions } from '../../support/openai-test-server';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: OpenAITestServerOptions = {}): Promise<OpenAITestServer> {
  server = await startOpenAITestServer(options);
  return server;
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The `data:` payloads of an SSE body. */
function payloads(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

type StreamChunk = {
  choices: Array<{ delta: { role?: string; content?: string; tool_calls?: Array<{ index: number; id?: string; type?: string; function: { name?: string; arguments?: string } }> }; finish_reason: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number };
};

const messages = [{ role: 'user', content: 'Hi' }];

describe('OpenAI-compatible test server', () => {
  it('listens on 127.0.0.1 at a random port with a /v1 base URL', async () => {
    const first = await serve();
    const second = await startOpenAITestServer();
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(first.url).toBe(`http://127.0.0.1:${first.port}/v1`);
      expect(second.port).not.toBe(first.port);
    } finally {
      await second.close();
    }
  });

  it('answers CORS preflight for a page on another port', async () => {
    const { url } = await serve();
    const response = await fetch(`${url}/chat/completions`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:4173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('lists its model', async () => {
    const { url } = await serve({ model: 'qwen-test' });
    const response = await fetch(`${url}/models`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'qwen-test', object: 'model' }] });
  });

  it('streams like a real server: role first, small text pieces, finish, usage with no choices, [DONE]', async () => {
    const target = await serve({ respond: () => ({ kind: 'text', text: 'Hello there, friend.' }) });
    const response = await post(target.url, { model: 'm', messages, stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const events = payloads(await response.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as StreamChunk);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const texts = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').filter((text) => text !== '');
    expect(texts.length).toBeGreaterThanOrEqual(4);
    expect(texts.join('')).toBe('Hello there, friend.');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(target.requests[0]?.body.messages).toEqual(messages);
  });

  it('sends usage only when asked, as OpenAI does', async () => {
    const { url } = await serve();
    const events = payloads(await (await post(url, { messages, stream: true })).text());
    expect(events.some((event) => event.includes('"usage"'))).toBe(false);
  });

  it('splits tool-call arguments over many chunks, id/type/name on the first delta only', async () => {
    const { url } = await serve({
      respond: () => ({
        kind: 'tool-calls',
        calls: [
          { name: 'calculator', arguments: { expression: '240 * 12.5 / 100' } },
          { name: 'weather', arguments: { city: 'Hangzhou' }, id: 'call_custom' },
        ],
      }),
    });
    const events = payloads(await (await post(url, { messages, stream: true, stream_options: { include_usage: true } })).text());
    const deltas = events
      .slice(0, -1)
      .map((event) => JSON.parse(event) as StreamChunk)
      .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    for (const index of [0, 1]) {
      const call = deltas.filter((delta) => delta.index === index);
      expect(call.length).toBeGreaterThan(5);
      expect(call[0]).toMatchObject({ type: 'function', function: { arguments: '' } });
      expect(call.slice(1).every((delta) => delta.id === undefined && delta.type === undefined && delta.function.name === undefined)).toBe(true);
      expect(call.slice(1).every((delta) => (delta.function.arguments ?? '').length <= 3)).toBe(true);
    }
    expect(deltas.filter((delta) => delta.id !== undefined).map((delta) => [delta.id, delta.function.name])).toEqual([
      ['call_0_0', 'calculator'],
      ['call_custom', 'weather'],
    ]);
    const args = (index: number) => deltas.filter((delta) => delta.index === index).map((delta) => delta.function.arguments).join('');
    expect(JSON.parse(args(0))).toEqual({ expression: '240 * 12.5 / 100' });
    const finish = events.slice(0, -1).map((event) => JSON.parse(event) as StreamChunk).find((chunk) => chunk.choices[0]?.finish_reason !== null && chunk.choices.length > 0);
    expect(finish?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('answers stream: false with one JSON completion', async () => {
    const { url } = await serve({ respond: () => ({ kind: 'tool-calls', calls: [{ name: 'f', arguments: { a: 1 } }], content: 'Calling.' }) });
    const response = await post(url, { messages });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          message: { role: 'assistant', content: 'Calling.', tool_calls: [{ id: 'call_0_0', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    });
  });

  it('scripts status replies with readable headers, raw bodies, and async decisions', async () => {
    const { url } = await serve({
      respond: async (_request, index) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (index === 0) return { kind: 'status', status: 429, headers: { 'Retry-After': '2' } };
        return { kind: 'raw', body: 'data: [DONE]\n\n', contentType: 'text/event-stream', status: 200 };
      },
    });
    const limited = await post(url, { messages, stream: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(await limited.json()).toMatchObject({ error: { type: 'rate_limit_exceeded' } });
    expect(await (await post(url, { messages, stream: true })).text()).toBe('data: [DONE]\n\n');
  });

  it('checks the API key when configured, and rejects bad bodies and unknown routes', async () => {
    const target = await serve({ apiKey: 'sk-server' });
    expect((await post(target.url, { messages })).status).toBe(401);
    expect((await post(target.url, { messages }, { Authorization: 'Bearer sk-server' })).status).toBe(200);
    expect(target.requests.map((request) => request.headers.authorization)).toEqual([undefined, 'Bearer sk-server']);
    const bad = await fetch(`${target.url}/chat/completions`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await post(target.url, { model: 'm' })).status).toBe(400);
    expect((await fetch(`${target.url}/embeddings`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(target.requests).toHaveLength(2);
  });

  it('cuts a stream after the requested bytes', async () => {
    const { url } = await serve({ respond: () => ({ kind: 'cut', afterBytes: 300 }) });
    const response = await post(url, { messages, stream: true });
    let received = 0;
    const reader = response.body?.getReader();
    await expect(
      (async () => {
        for (;;) {
          const part = await reader?.read();
          if (part === undefined || part.done) return;
          received += part.value.length;
        }
      })(),
    ).rejects.toThrow();
    expect(received).toBe(300);
  });
});
