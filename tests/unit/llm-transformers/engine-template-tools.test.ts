/**
 * The engine with the model's own template: a template that takes tools makes the engine report
 * native tool calls and receive the tools in its prompt; a template without tools keeps the text
 * path (tools never reach it). Checked through the real engine on the tiny fixtures.
 */
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../src/llm/transformers';
import type { ChatEngine, ChatRequest, ToolDefinition } from '../../../src/core/types';
import { GENERATED_MODELS_DIR, makeTinyLlm, makeTinyToolLlm, TINY_LLM_ID, TINY_TOOL_LLM_ID } from '../../fixtures/make-tiny-llm';

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const plain: ChatRequest = { messages: [{ role: 'user', content: 'Weather in Paris?' }], temperature: 0, maxTokens: 4 };
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
    expect(answer.finishReason).toBe('length');
    expect(answer.usage?.completionTokens).toBe(4);
  });
});
