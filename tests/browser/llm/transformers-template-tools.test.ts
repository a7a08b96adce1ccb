/**
 * The model's own template through the LLM worker in Chromium (WASM): a template that takes tools
 * makes the engine report native tool calls across the worker, the tools reach the prompt, and the
 * fixture's scripted call (markers as special tokens) arrives as a parsed tool-call chunk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatChunk, ChatEngine, ChatRequest, ToolDefinition } from '../../../src/core/types';
import { collectChat } from '../../../src/llm/collect-chat';
import { createWorkerEngine } from '../../../src/llm/worker-protocol';
import { tinyModelOptions } from './worker-support';

const LOAD_TIMEOUT_MS = 120_000;

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const plain: ChatRequest = { messages: [{ role: 'user', content: 'Weather in Paris?' }], temperature: 0, maxTokens: 12 };

function startEngine(modelId: string): { worker: Worker; engine: ChatEngine } {
  const worker = new Worker(new URL('./llm-test.worker.ts', import.meta.url), { type: 'module' });
  return { worker, engine: createWorkerEngine(worker, { kind: 'transformers', engineOptions: { ...tinyModelOptions('wasm'), modelId } }) };
}

describe('transformers engine in a worker with a template that takes tools', () => {
  const started: Worker[] = [];
  let toolEngine: ChatEngine;
  let plainEngine: ChatEngine;

  beforeAll(async () => {
    const tool = startEngine('tiny-tool-llm');
    const chatml = startEngine('tiny-llm');
    started.push(tool.worker, chatml.worker);
    toolEngine = tool.engine;
    plainEngine = chatml.engine;
    await toolEngine.load();
    await plainEngine.load();
  }, LOAD_TIMEOUT_MS);
  afterAll(() => started.forEach((worker) => worker.terminate()));

  it('reports native tool calls across the worker only for the tool template', () => {
    expect(toolEngine.capabilities.nativeToolCalls).toBe(true);
    expect(plainEngine.capabilities.nativeToolCalls).toBe(false);
  });

  it('the tools reach the template; the scripted call comes back parsed, its markers kept in plain text', async () => {
    const chunks: ChatChunk[] = [];
    const withTools = await collectChat(toolEngine.chat({ ...plain, tools: [weather], toolChoice: 'auto' }), (chunk) => chunks.push(chunk));
    const without = await collectChat(toolEngine.chat(plain));
    // The template's tool list holds the tool's JSON: far more than a few tokens.
    expect((withTools.usage?.promptTokens ?? 0) - (without.usage?.promptTokens ?? 0)).toBeGreaterThan(50);
    expect(withTools.text).toBe('Checking the weather. ');
    expect(chunks.filter((chunk) => chunk.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', index: 0, name: 'get_weather', argumentsDelta: '{"city":"Paris"}' },
    ]);
    expect(withTools.finishReason).toBe('tool-calls');
    expect(without.text).toBe('Checking the weather. <|tool_call_start|>[get_weather(city="Paris")]<|tool_call_end|>');
    expect(without.finishReason).toBe('stop');
  });

  it('a template without tools keeps the text path: the prompt does not change', async () => {
    const withTools = await collectChat(plainEngine.chat({ ...plain, tools: [weather], toolChoice: 'auto' }));
    const without = await collectChat(plainEngine.chat(plain));
    expect(withTools.usage?.promptTokens).toBe(without.usage?.promptTokens);
  });
});
