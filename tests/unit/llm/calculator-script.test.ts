import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/core/types';
import { collectChat, createOpenAICompatibleEngine } from '../../../src/llm';
import { CALCULATOR_QUESTION, calculatorScript, extractNumber, hermesToolCall } from '../../support/calculator-script';
import { startOpenAITestServer, type OpenAITestServer } from '../../support/openai-test-server';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const calculatorTool = {
  name: 'calculator',
  description: 'Evaluates an arithmetic expression.',
  parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
};

describe('calculatorScript', () => {
  it('drives two native calculator calls and a final answer through the real engine', async () => {
    server = await startOpenAITestServer({ respond: calculatorScript });
    const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'scripted' });
    const messages: ChatMessage[] = [{ role: 'user', content: CALCULATOR_QUESTION }];

    const step1 = await collectChat(engine.chat({ messages, tools: [calculatorTool] }));
    expect(step1.finishReason).toBe('tool-calls');
    expect(step1.toolCalls).toHaveLength(1);
    expect(step1.toolCalls[0]?.name).toBe('calculator');
    expect(JSON.parse(step1.toolCalls[0]?.arguments ?? '')).toEqual({ expression: '240 * 12.5 / 100' });
    const first = step1.toolCalls[0];
    if (first === undefined) throw new Error('no call');
    messages.push({ role: 'assistant', content: '', toolCalls: [{ id: first.id, name: first.name, arguments: { expression: '240 * 12.5 / 100' } }] });
    messages.push({ role: 'tool', toolCallId: first.id, name: 'calculator', content: '{"result":30}' });

    const step2 = await collectChat(engine.chat({ messages, tools: [calculatorTool] }));
    expect(JSON.parse(step2.toolCalls[0]?.arguments ?? '')).toEqual({ expression: '30 + 7' });
    const second = step2.toolCalls[0];
    if (second === undefined) throw new Error('no call');
    messages.push({ role: 'assistant', content: '', toolCalls: [{ id: second.id, name: 'calculator', arguments: { expression: '30 + 7' } }] });
    messages.push({ role: 'tool', toolCallId: second.id, name: 'calculator', content: '37' });

    const step3 = await collectChat(engine.chat({ messages, tools: [calculatorTool] }));
    expect(step3.toolCalls).toEqual([]);
    expect(step3.finishReason).toBe('stop');
    expect(step3.text).toBe('12.5% of 240 is 30, and adding 7 gives **37**.');

    // A new question in the same conversation starts over.
    messages.push({ role: 'assistant', content: step3.text }, { role: 'user', content: CALCULATOR_QUESTION });
    const again = await collectChat(engine.chat({ messages, tools: [calculatorTool] }));
    expect(JSON.parse(again.toolCalls[0]?.arguments ?? '')).toEqual({ expression: '240 * 12.5 / 100' });
  });

  it('writes Hermes text calls and reads <tool_response> results when tools are not native', async () => {
    server = await startOpenAITestServer({ respond: calculatorScript });
    const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'scripted', nativeToolCalls: false });
    const system = `You may call tools.\n<tools>\n${JSON.stringify(calculatorTool)}\n</tools>`;
    const messages: ChatMessage[] = [
      { role: 'system', content: system },
      { role: 'user', content: CALCULATOR_QUESTION },
    ];
    const step1 = await collectChat(engine.chat({ messages, tools: [calculatorTool] }));
    expect(step1.toolCalls).toEqual([]);
    expect(step1.text).toBe('<tool_call>\n{"name": "calculator", "arguments": {"expression":"240 * 12.5 / 100"}}\n</tool_call>');
    messages.push({ role: 'assistant', content: step1.text });
    messages.push({ role: 'user', content: '<tool_response>\n{"name": "calculator", "content": {"result": 30}}\n</tool_response>' });

    const step2 = await collectChat(engine.chat({ messages }));
    expect(step2.text).toBe(hermesToolCall('calculator', { expression: '30 + 7' }));
    messages.push({ role: 'assistant', content: step2.text });
    messages.push({ role: 'user', content: '<tool_response>\n37\n</tool_response>' });

    const step3 = await collectChat(engine.chat({ messages }));
    expect(step3.text).toBe('12.5% of 240 is 30, and adding 7 gives **37**.');
    expect(server.requests.every((request) => request.body.tools === undefined)).toBe(true);
  });

  it('reads numbers from the shapes tools answer with', () => {
    expect(extractNumber('{"result":30}')).toBe(30);
    expect(extractNumber('{"result": "30"}')).toBe(30);
    expect(extractNumber('30')).toBe(30);
    expect(extractNumber('Result: 37.5')).toBe(37.5);
    expect(extractNumber('240 * 12.5 / 100 = 30')).toBe(30);
    expect(extractNumber('{"name":"calculator","content":"{\\"value\\":-4e2}"}')).toBe(-400);
    expect(extractNumber('{"expression":"1+1","result":2}')).toBe(2);
    expect(extractNumber('{"error":"division by zero"}')).toBeUndefined();
    expect(extractNumber('')).toBeUndefined();
  });

  it('says so when a result has no number', () => {
    const reply = calculatorScript({
      index: 1,
      method: 'POST',
      path: '/v1/chat/completions',
      headers: {},
      body: {
        messages: [
          { role: 'user', content: CALCULATOR_QUESTION },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'calculator', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'c', content: '{"error":"bad expression"}' },
        ],
        tools: [{ type: 'function', function: { name: 'calculator' } }],
      },
    });
    expect(reply).toEqual({ kind: 'text', text: 'The calculator did not return a number: {"error":"bad expression"}' });
  });
});
