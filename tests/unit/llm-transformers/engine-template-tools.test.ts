/**
 * The engine with the model's own template: a template that takes tools makes the engine report
 * native tool calls and receive the tools in its prompt; a template without tools keeps the text
 * path (tools never reach it). The tool fixture's weights script an LFM2 call framed by special
 * tokens, so the real engine's decode + parse path is checked end to end, and through the agent loop.
 */
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../src/llm/transformers';
import type { ChatChunk, ChatEngine, ChatRequest, ToolDefinition } from '../../../src/core/types';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import { createFakeToolRunner } from '../../support/fake-tool-runner';
import { GENERATED_MODELS_DIR, makeTinyLlm, makeTinyToolLlm, TINY_LLM_ID, TINY_TOOL_LLM_ID, TOOL_SCRIPT_TEXT } from '../../fixtures/make-tiny-llm';

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const plain: ChatRequest = { messages: [{ role: 'user', content: 'Weather in Paris?' }], temperature: 0, maxTokens: 12 };
const withTools: ChatRequest = { ...plain, tools: [weather], toolChoice: 'auto' };

async function promptTokens(engine: ChatEngine, request: ChatRequest): Promise<number> {
  const answer = await collectChat(engine.chat(request));
  return answer.usage?.promptTokens ?? -1;
}

describe('transformers engine and the model’s own template', () => {
  let toolEngine: ChatEngine;
  let plainEngine: ChatEngine;
  let toolTokenizer: PreTrainedTokenizer;

  beforeAll(async () => {
    makeTinyLlm();
    makeTinyToolLlm();
    const options = { device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR } as const;
    toolEngine = createTransformersEngine({ ...options, modelId: TINY_TOOL_LLM_ID });
    plainEngine = createTransformersEngine({ ...options, modelId: TINY_LLM_ID });
    await toolEngine.load();
    await plainEngine.load();
    env.localModelPath = `${GENERATED_MODELS_DIR}/`;
    toolTokenizer = await AutoTokenizer.from_pretrained(TINY_TOOL_LLM_ID);
  });
  afterAll(async () => {
    await toolEngine.unload();
    await plainEngine.unload();
  });

  it('reports native tool calls only where the template takes tools', () => {
    expect(toolEngine.capabilities.nativeToolCalls).toBe(true);
    expect(plainEngine.capabilities.nativeToolCalls).toBe(false);
  });

  it('passes the tools to a template that takes them: the prompt is the template’s tool rendering', async () => {
    const expected = toolTokenizer.apply_chat_template(
      [{ role: 'user', content: 'Weather in Paris?' }],
      { tools: [{ type: 'function', function: weather }], add_generation_prompt: true, tokenize: false },
    ) as string;
    expect(expected).toContain('<|tool_list_start|>');
    const expectedTokens = toolTokenizer.encode(expected, { add_special_tokens: false }).length;
    expect(await promptTokens(toolEngine, withTools)).toBe(expectedTokens);
    expect(await promptTokens(toolEngine, plain)).toBeLessThan(expectedTokens);
  });

  it('a template without tools keeps the text path: tools do not change the prompt', async () => {
    expect(await promptTokens(plainEngine, withTools)).toBe(await promptTokens(plainEngine, plain));
  });

  it('decodes the scripted answer with its special-token markers kept (no tools: plain text)', async () => {
    const answer = await collectChat(toolEngine.chat(plain));
    expect(answer.text).toBe(TOOL_SCRIPT_TEXT);
    expect(answer.text).toContain('<|tool_call_start|>');
    expect(answer.text).not.toContain('<|im_end|>');
    expect(answer.finishReason).toBe('stop');
  });

  it('with tools: streams the text, then the call parsed in the family format as a tool-call chunk', async () => {
    const chunks: ChatChunk[] = [];
    const answer = await collectChat(toolEngine.chat(withTools), (chunk) => chunks.push(chunk));
    expect(answer.text).toBe('Checking the weather. ');
    expect(chunks.filter((chunk) => chunk.type === 'text-delta').map((chunk) => chunk.text).join('')).not.toContain('<|');
    expect(chunks.filter((chunk) => chunk.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', index: 0, name: 'get_weather', argumentsDelta: '{"city":"Paris"}' },
    ]);
    expect(answer.finishReason).toBe('tool-calls');
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'tool-calls' });
  });

  it('drives the agent loop: preferNativeTools gets the template path and the tool runs with the parsed arguments', async () => {
    const tools = createFakeToolRunner([{ definition: weather, run: async () => '{"temp": 21}' }]);
    const events: AgentEvent[] = [];
    for await (const event of runAgent({
      engine: toolEngine,
      tools,
      toolMode: 'pythonic',
      preferNativeTools: true,
      maxSteps: 2,
      temperature: 0,
      maxTokens: 12,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    })) {
      events.push(event);
    }
    expect(events.find((event) => event.type === 'prompt')).toMatchObject({ prompt: { toolMode: 'native' } });
    expect(tools.runs.map((call) => [call.name, call.arguments])).toEqual([
      ['get_weather', { city: 'Paris' }],
      ['get_weather', { city: 'Paris' }],
    ]);
    const results = events.filter((event) => event.type === 'tool-result');
    expect(results).toHaveLength(2);
  });

  it('reads a history with calls and results through the tool template', async () => {
    const answer = await collectChat(
      toolEngine.chat({
        ...withTools,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } }] },
          { role: 'tool', toolCallId: 'c1', name: 'get_weather', content: '{"temp": 21}' },
        ],
      }),
    );
    // The script again: the model was prompted (the tool turn rendered) and answered in full.
    expect(answer.finishReason).toBe('tool-calls');
    expect(answer.usage?.completionTokens).toBe(5);
  });
});
