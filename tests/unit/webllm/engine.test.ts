import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { ChatChunk, LoadProgress } from '../../../src/core/types';
import { createWebLLMEngine } from '../../../src/llm/webllm';
import { chunk, FakeMLCEngine, usageChunk } from './fake-mlc-engine';

async function collect(stream: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const item of stream) chunks.push(item);
  return chunks;
}

async function failure(promise: Promise<unknown>): Promise<TabagentError> {
  try {
    await promise;
  } catch (error) {
    expect(TabagentError.is(error)).toBe(true);
    return error as TabagentError;
  }
  throw new Error('expected a failure');
}

const user = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('createWebLLMEngine', () => {
  it('says what it can do: text tool calls, grammar-constrained output, the given context window', () => {
    const engine = createWebLLMEngine({ modelId: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', contextWindow: 4096, createEngine: () => new FakeMLCEngine() });
    expect(engine.capabilities).toEqual({ nativeToolCalls: false, constrainedOutput: 'grammar', contextWindow: 4096, vision: false });
    expect(engine.id).toBe('webllm:Qwen2.5-1.5B-Instruct-q4f16_1-MLC');
  });

  it('loads once, mapping web-llm progress reports (bytes read from the text)', async () => {
    const fake = new FakeMLCEngine({
      progress: [
        { progress: 0, timeElapsed: 0, text: 'Start to fetch params' },
        { progress: 0.25, timeElapsed: 3, text: 'Fetching param cache[5/20]: 100MB fetched. 25% completed, 3 secs elapsed.' },
        { progress: 1, timeElapsed: 9, text: 'Finish loading on WebGPU - swiftshader' },
      ],
    });
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    const seen: LoadProgress[] = [];
    await engine.load((progress) => seen.push(progress));
    await engine.load();
    expect(fake.calls.filter((call) => call.startsWith('reload'))).toEqual(['reload:m']);
    expect(engine.loaded).toBe(true);
    expect(seen).toHaveLength(3);
    expect(seen[1]).toEqual({ progress: 0.25, text: expect.stringContaining('Downloading weights'), loadedBytes: 100 * 1024 * 1024, totalBytes: 400 * 1024 * 1024 });
    expect(seen[2]?.progress).toBe(1);
  });

  it('streams text deltas, then the finish reason and usage from the final chunk', async () => {
    const fake = new FakeMLCEngine({
      answers: [[chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, 'stop'), usageChunk(12, 2)]],
    });
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    const chunks = await collect(engine.chat({ ...user, temperature: 0.2, maxTokens: 64, stop: ['Observation:'] }));
    expect(chunks).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 12, completionTokens: 2 } },
    ]);
    expect(fake.requests[0]).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_tokens: 64,
      stop: ['Observation:'],
      messages: [{ role: 'user', content: 'hi' }],
    });
  });

  it('maps tool-call deltas and the tool_calls finish reason (native-tool models)', async () => {
    const fake = new FakeMLCEngine({
      answers: [[
        chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'calculator', arguments: '{"expr' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '":"1+1"}' } }] }),
        chunk({}, 'tool_calls'),
      ]],
    });
    const engine = createWebLLMEngine({ modelId: 'm', nativeToolCalls: true, createEngine: () => fake });
    const tools = [{ name: 'calculator', description: 'math', parameters: { type: 'object' } }];
    const chunks = await collect(engine.chat({ ...user, tools, toolChoice: 'auto' }));
    expect(chunks).toEqual([
      { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'calculator', argumentsDelta: '{"expr' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '":"1+1"}' },
      { type: 'finish', reason: 'tool-calls' },
    ]);
    expect(fake.requests[0]?.tools?.[0]?.function.name).toBe('calculator');
    expect(fake.requests[0]?.tool_choice).toBe('auto');
  });

  it('leaves tools out of the request for text-format models (web-llm would reject them)', async () => {
    const fake = new FakeMLCEngine();
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    await collect(engine.chat({ ...user, tools: [{ name: 't', description: 'd', parameters: {} }] }));
    expect(fake.requests[0]?.tools).toBeUndefined();
  });

  it('sends history with tool calls and results in the OpenAI shape', async () => {
    const fake = new FakeMLCEngine();
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    await collect(
      engine.chat({
        messages: [
          { role: 'system', content: 'sys' },
          { role: 'user', content: 'q' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 't', arguments: { x: 1 } }] },
          { role: 'tool', toolCallId: 'a', name: 't', content: '2' },
          { role: 'user', content: 'and?' },
        ],
      }),
    );
    expect(fake.requests[0]?.messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'q' },
      { role: 'assistant', content: '', tool_calls: [{ id: 'a', type: 'function', function: { name: 't', arguments: '{"x":1}' } }] },
      { role: 'tool', tool_call_id: 'a', content: '2' },
      { role: 'user', content: 'and?' },
    ]);
  });

  it('sends the thinking switch as extra_body.enable_thinking only when the request sets it', async () => {
    const fake = new FakeMLCEngine();
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    await collect(engine.chat({ ...user, thinking: false }));
    await collect(engine.chat({ ...user, thinking: true }));
    await collect(engine.chat(user));
    expect(fake.requests.map((request) => request.extra_body)).toEqual([{ enable_thinking: false }, { enable_thinking: true }, undefined]);
    expect('extra_body' in (fake.requests[2] ?? {})).toBe(false);
  });

  it('passes the request\'s response format: a grammar, a JSON schema, or none', async () => {
    const fake = new FakeMLCEngine();
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    await collect(engine.chat({ ...user, responseFormat: { type: 'grammar', grammar: 'root ::= "a"' } }));
    await collect(engine.chat(user));
    await collect(engine.chat({ ...user, responseFormat: { type: 'json-schema', schema: { type: 'object' } } }));
    expect(fake.requests.map((request) => request.response_format)).toEqual([
      { type: 'grammar', grammar: 'root ::= "a"' },
      undefined,
      { type: 'json_object', schema: '{"type":"object"}' },
    ]);
  });

  it('on abort interrupts generation, throws aborted, and the next request works', async () => {
    const fake = new FakeMLCEngine({ answers: ['hang', [chunk({ content: 'again' }, 'stop')]] });
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    const controller = new AbortController();
    const seen: ChatChunk[] = [];
    const run = (async () => {
      for await (const item of engine.chat(user, controller.signal)) {
        seen.push(item);
        controller.abort();
      }
    })();
    const error = await failure(run);
    expect(error.code).toBe('aborted');
    expect(seen).toEqual([{ type: 'text-delta', text: 'partial ' }]);
    expect(fake.calls).toContain('interruptGenerate');
    const next = await collect(engine.chat(user));
    expect(next[0]).toEqual({ type: 'text-delta', text: 'again' });
  });

  it('a consumer that breaks off early also frees the model for the next request', async () => {
    const fake = new FakeMLCEngine({ answers: ['hang', [chunk({ content: 'next' }, 'stop')]] });
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    for await (const item of engine.chat(user)) {
      expect(item.type).toBe('text-delta');
      break;
    }
    expect(fake.calls).toContain('interruptGenerate');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await collect(engine.chat(user)))[0]).toEqual({ type: 'text-delta', text: 'next' });
  });

  it('an already-aborted signal fails before anything is sent', async () => {
    const fake = new FakeMLCEngine();
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    const controller = new AbortController();
    controller.abort();
    expect((await failure(collect(engine.chat(user, controller.signal)))).code).toBe('aborted');
    expect(fake.calls).toEqual([]);
  });

  it('cancels a load on abort: web-llm unload is called and the next load starts afresh', async () => {
    const fake = new FakeMLCEngine({ reloadHangs: true });
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    const controller = new AbortController();
    const loading = engine.load(undefined, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    expect((await failure(loading)).code).toBe('aborted');
    expect(fake.calls).toContain('unload');
    expect(engine.loaded).toBe(false);
  });

  it('turns web-llm load errors (strings from the worker) into coded TabagentErrors', async () => {
    const cases: Array<[unknown, string, string]> = [
      ['ModelNotFoundError: Cannot find model record in appConfig for x.', 'config', 'unknown-model'],
      ['ShaderF16SupportError: This model requires WebGPU extension shader-f16', 'config', 'shader-f16'],
      ['WebGPUNotAvailableError: WebGPU is not supported in your current environment', 'config', 'no-webgpu'],
      ['DeviceLostError: The WebGPU device was lost while loading the model.', 'internal', 'device-lost'],
      [new TypeError('Failed to fetch'), 'network', 'download'],
      ['IntegrityError: Integrity verification failed for https://huggingface.co/m/resolve/main/tokenizer.json\n  Expected: sha256-a\n  Actual: sha256-b', 'integrity', 'integrity'],
      ['Error: Cannot fetch http://localhost/x/mlc-chat-config.json err= 404 Not Found', 'not-found', 'missing-file'],
    ];
    for (const [thrown, code, reason] of cases) {
      const engine = createWebLLMEngine({ modelId: 'x', createEngine: () => new FakeMLCEngine({ reloadError: thrown }) });
      const error = await failure(engine.load());
      expect([error.code, error.data.reason], String(thrown)).toEqual([code, reason]);
      expect(error.data.modelId).toBe('x');
    }
  });

  it('a failed load can be retried', async () => {
    const fake = new FakeMLCEngine({ reloadError: new TypeError('Failed to fetch'), failOnce: true });
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    const error = await failure(engine.load());
    expect(error.isRetryable).toBe(true);
    await engine.load();
    expect(engine.loaded).toBe(true);
  });

  it('turns chat errors into TabagentErrors', async () => {
    const fake = new FakeMLCEngine({ chatError: 'ContextWindowSizeExceededError: Prompt tokens exceed context window size' });
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    const error = await failure(collect(engine.chat(user)));
    expect(error.code).toBe('bad-request');
    expect(error.data.reason).toBe('context-window');
  });

  it('unload frees the model; the next chat loads it again', async () => {
    const fake = new FakeMLCEngine();
    const engine = createWebLLMEngine({ modelId: 'm', createEngine: () => fake });
    await engine.load();
    await engine.unload();
    expect(engine.loaded).toBe(false);
    await collect(engine.chat(user));
    expect(fake.calls.filter((call) => call.startsWith('reload'))).toHaveLength(2);
  });
});
