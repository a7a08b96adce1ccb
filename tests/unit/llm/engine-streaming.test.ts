import { afterEach, describe, expect, it } from 'vitest';
import { collectChat, createOpenAICompatibleEngine } from '../../../src/llm';
import type { ChatChunk } from '../../../src/llm';
import { startOpenAITestServer, type OpenAITestServer, type OpenAITestServerOptions } from '../../support/openai-test-server';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: OpenAITestServerOptions): Promise<OpenAITestServer> {
  server = await startOpenAITestServer(options);
  return server;
}

async function chunksOf(stream: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const question = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('openai-compatible engine against the local test server', () => {
  it('sends chat_template_kwargs.enable_thinking over HTTP only for a request that sets thinking', async () => {
    const target = await serve({ respond: () => ({ kind: 'text', text: 'ok' }) });
    const engine = createOpenAICompatibleEngine({ baseUrl: target.url, model: 'test-model' });
    await chunksOf(engine.chat({ ...question, thinking: false }));
    await chunksOf(engine.chat(question));
    expect(target.requests[0]?.body.chat_template_kwargs).toEqual({ enable_thinking: false });
    expect('chat_template_kwargs' in (target.requests[1]?.body ?? {})).toBe(false);
  });

  it('streams text in several deltas, then usage, then finish', async () => {
    const { url } = await serve({ respond: () => ({ kind: 'text', text: 'Hello there, how can I help you today?' }) });
    const engine = createOpenAICompatibleEngine({ baseUrl: url, model: 'test-model' });
    const chunks = await chunksOf(engine.chat(question));
    const deltas = chunks.filter((chunk) => chunk.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.map((chunk) => chunk.text).join('')).toBe('Hello there, how can I help you today?');
    // usage arrives after every delta (the server sends it last); finish closes the stream.
    expect(chunks.map((chunk) => chunk.type).slice(-2)).toEqual(['usage', 'finish']);
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    const usage = chunks.find((chunk) => chunk.type === 'usage');
    expect(usage).toMatchObject({ type: 'usage', usage: { cachedPromptTokens: 0 } });
  });

  it('assembles tool-call arguments split over many chunks, several calls keyed by index', async () => {
    const calls = [
      { name: 'calculator', arguments: { expression: '240 * 12.5 / 100', precision: 2 } },
      { name: 'search', arguments: { query: 'weather in Hangzhou', filters: { days: [1, 2, 3] } } },
    ];
    const { url } = await serve({ respond: () => ({ kind: 'tool-calls', calls, content: 'Let me check.' }) });
    const engine = createOpenAICompatibleEngine({ baseUrl: url, model: 'test-model' });
    const chunks: ChatChunk[] = [];
    const result = await collectChat(engine.chat(question), (chunk) => chunks.push(chunk));
    const toolDeltas = chunks.filter((chunk) => chunk.type === 'tool-call-delta');
    expect(toolDeltas.length).toBeGreaterThan(20);
    // id and name only on the first delta of each call.
    expect(toolDeltas.filter((chunk) => chunk.id !== undefined).map((chunk) => chunk.index)).toEqual([0, 1]);
    expect(toolDeltas.filter((chunk) => chunk.name !== undefined).map((chunk) => chunk.name)).toEqual(['calculator', 'search']);
    expect(result.text).toBe('Let me check.');
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls.map((call) => ({ name: call.name, arguments: JSON.parse(call.arguments) as unknown }))).toEqual(calls);
    expect(result.toolCalls.map((call) => call.id)).toEqual(['call_0_0', 'call_0_1']);
    expect(result.usage?.completionTokens).toBeGreaterThan(0);
    expect(chunks.map((chunk) => chunk.type).slice(-2)).toEqual(['usage', 'finish']);
  });

  it('sends the OpenAI request shape and an Authorization header only when a key is set', async () => {
    const target = await serve({});
    const tools = [{ name: 'calculator', description: 'Evaluates arithmetic.', parameters: { type: 'object', properties: { expression: { type: 'string' } } } }];
    const keyed = createOpenAICompatibleEngine({ baseUrl: `${target.url}/`, model: 'm1', apiKey: 'sk-test-1234567890', headers: { 'X-Title': 'Tabagent' } });
    await collectChat(
      keyed.chat({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Compute.' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'calculator', arguments: { expression: '1+1' } }] },
          { role: 'tool', toolCallId: 'call_1', name: 'calculator', content: '{"result":2}' },
        ],
        tools,
        toolChoice: { name: 'calculator' },
        temperature: 0.2,
        maxTokens: 64,
        stop: ['Observation:'],
      }),
    );
    const anonymous = createOpenAICompatibleEngine({ baseUrl: target.url, model: 'm2' });
    await collectChat(anonymous.chat(question));

    const [first, second] = target.requests;
    expect(first?.headers.authorization).toBe('Bearer sk-test-1234567890');
    expect(first?.headers['x-title']).toBe('Tabagent');
    expect(first?.body).toEqual({
      model: 'm1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Compute.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'calculator', arguments: '{"expression":"1+1"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"result":2}' },
      ],
      tools: [{ type: 'function', function: tools[0] }],
      tool_choice: { type: 'function', function: { name: 'calculator' } },
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_tokens: 64,
      stop: ['Observation:'],
    });
    expect(second?.headers.authorization).toBeUndefined();
    expect(first?.headers['content-type']).toBe('application/json');
    expect(second?.body.model).toBe('m2');
  });

  it('sends each header once: the API key wins over a hand-written Authorization header', async () => {
    const target = await serve({});
    const engine = createOpenAICompatibleEngine({
      baseUrl: target.url,
      model: 'm',
      apiKey: 'sk-from-settings',
      headers: { authorization: 'Bearer stale', 'content-type': 'application/json; charset=utf-8' },
    });
    await collectChat(engine.chat(question));
    expect(target.requests[0]?.headers.authorization).toBe('Bearer sk-from-settings');
    expect(target.requests[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('streams reasoning_content and reasoning deltas as reasoning, apart from the text', async () => {
    for (const reasoningField of ['reasoning_content', 'reasoning'] as const) {
      const { url } = await serve({ respond: () => ({ kind: 'text', reasoning: 'The user greets me; greet back.', reasoningField, text: 'Hello!' }) });
      const engine = createOpenAICompatibleEngine({ baseUrl: url, model: 'qwq' });
      const chunks = await chunksOf(engine.chat(question));
      const reasoning = chunks.filter((chunk) => chunk.type === 'reasoning-delta');
      expect(reasoning.length).toBeGreaterThan(1);
      const result = await collectChat(engine.chat(question));
      expect(result.reasoning).toBe('The user greets me; greet back.');
      expect(result.text).toBe('Hello!');
      expect(result.finishReason).toBe('stop');
      await server?.close();
      server = undefined;
    }
  });

  it('streams reasoning before a tool call; the call is unchanged', async () => {
    const { url } = await serve({
      respond: () => ({ kind: 'tool-calls', reasoning: 'Use the calculator.', calls: [{ name: 'calculator', arguments: { expression: '2*3' } }] }),
    });
    const result = await collectChat(createOpenAICompatibleEngine({ baseUrl: url, model: 'm' }).chat(question));
    expect(result.reasoning).toBe('Use the calculator.');
    expect(result.text).toBe('');
    expect(result.toolCalls).toEqual([{ index: 0, id: 'call_0_0', name: 'calculator', arguments: '{"expression":"2*3"}' }]);
    expect(result.finishReason).toBe('tool-calls');
  });

  it('maps finish reason length', async () => {
    const { url } = await serve({ respond: () => ({ kind: 'text', text: 'Truncated answ', finishReason: 'length' }) });
    const result = await collectChat(createOpenAICompatibleEngine({ baseUrl: url, model: 'm' }).chat(question));
    expect(result.finishReason).toBe('length');
  });

  it('falls back to a JSON completion when stream is false', async () => {
    const target = await serve({
      respond: (_request, index) =>
        index === 0 ? { kind: 'text', text: 'Plain answer.' } : { kind: 'tool-calls', calls: [{ name: 'calculator', arguments: { expression: '2*3' } }] },
    });
    const engine = createOpenAICompatibleEngine({ baseUrl: target.url, model: 'm', stream: false });
    const text = await chunksOf(engine.chat(question));
    expect(text.map((chunk) => chunk.type)).toEqual(['text-delta', 'usage', 'finish']);
    expect(text[0]).toEqual({ type: 'text-delta', text: 'Plain answer.' });
    const calls = await collectChat(engine.chat(question));
    expect(calls.toolCalls).toEqual([{ index: 0, id: 'call_1_0', name: 'calculator', arguments: '{"expression":"2*3"}' }]);
    expect(calls.finishReason).toBe('tool-calls');
    expect(calls.text).toBe('');
    expect(target.requests[0]?.body.stream).toBe(false);
    expect(target.requests[0]?.body.stream_options).toBeUndefined();
  });

  it('reads a JSON completion when the server ignores stream: true', async () => {
    const completion = {
      id: 'x',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Not streamed.', reasoning_content: 'hmm' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 4 } },
    };
    const { url } = await serve({ respond: () => ({ kind: 'raw', body: JSON.stringify(completion), contentType: 'application/json' }) });
    const chunks = await chunksOf(createOpenAICompatibleEngine({ baseUrl: url, model: 'm' }).chat(question));
    expect(chunks).toEqual([
      { type: 'reasoning-delta', text: 'hmm' },
      { type: 'text-delta', text: 'Not streamed.' },
      { type: 'usage', usage: { promptTokens: 5, completionTokens: 3, cachedPromptTokens: 4 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('accepts a base URL that already ends in /chat/completions', async () => {
    const target = await serve({});
    const engine = createOpenAICompatibleEngine({ baseUrl: `  ${target.url}/chat/completions/ `, model: 'm' });
    const result = await collectChat(engine.chat(question));
    expect(result.text).toBe('Hello from the Tabagent test server.');
    expect(target.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it('reports capabilities and loads as a no-op', async () => {
    const engine = createOpenAICompatibleEngine({ baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5:7b', nativeToolCalls: false, contextWindow: 32768 });
    expect(engine.capabilities).toEqual({ nativeToolCalls: false, constrainedOutput: 'none', contextWindow: 32768, vision: true });
    expect(engine.id).toBe('openai-compatible:qwen2.5:7b');
    const progress: number[] = [];
    await engine.load((update) => progress.push(update.progress));
    await engine.unload();
    expect(progress).toEqual([1]);
    const defaults = createOpenAICompatibleEngine({ baseUrl: 'http://localhost:8000/v1', model: 'm' });
    expect(defaults.capabilities).toEqual({ nativeToolCalls: true, constrainedOutput: 'none', contextWindow: 8192, vision: true });
  });

  it('leaves tools out of the request when native tool calls are off', async () => {
    const target = await serve({});
    const engine = createOpenAICompatibleEngine({ baseUrl: target.url, model: 'm', nativeToolCalls: false });
    await collectChat(engine.chat({ ...question, tools: [{ name: 't', description: 'd', parameters: {} }], toolChoice: 'auto' }));
    expect(target.requests[0]?.body.tools).toBeUndefined();
    expect(target.requests[0]?.body.tool_choice).toBeUndefined();
  });
});
