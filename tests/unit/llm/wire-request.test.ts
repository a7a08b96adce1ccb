import { describe, expect, it } from 'vitest';
import { toWireMessage, toWireRequest } from '../../../src/llm/openai-compatible/wire-request';

describe('wire request mapping', () => {
  it('maps each message role', () => {
    expect(toWireMessage({ role: 'system', content: 's' })).toEqual({ role: 'system', content: 's' });
    expect(toWireMessage({ role: 'user', content: 'u' })).toEqual({ role: 'user', content: 'u' });
    expect(toWireMessage({ role: 'assistant', content: 'a' })).toEqual({ role: 'assistant', content: 'a' });
    expect(toWireMessage({ role: 'assistant', content: 'a', toolCalls: [] })).toEqual({ role: 'assistant', content: 'a' });
    expect(toWireMessage({ role: 'tool', toolCallId: 'c1', name: 'calc', content: '30' })).toEqual({ role: 'tool', tool_call_id: 'c1', content: '30' });
  });

  it('stringifies tool-call arguments and keeps text beside calls', () => {
    expect(
      toWireMessage({
        role: 'assistant',
        content: 'Checking.',
        toolCalls: [
          { id: 'c1', name: 'a', arguments: { x: 1, nested: { y: [true, null] } } },
          { id: 'c2', name: 'b', arguments: {} },
        ],
      }),
    ).toEqual({
      role: 'assistant',
      content: 'Checking.',
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'a', arguments: '{"x":1,"nested":{"y":[true,null]}}' } },
        { id: 'c2', type: 'function', function: { name: 'b', arguments: '{}' } },
      ],
    });
  });

  it('maps tool choices and omits unset settings', () => {
    const tools = [{ name: 't', description: 'd', parameters: { type: 'object' } }];
    const settings = { model: 'm', stream: false, nativeToolCalls: true };
    for (const choice of ['auto', 'none', 'required'] as const) {
      expect(toWireRequest({ messages: [], tools, toolChoice: choice }, settings).tool_choice).toBe(choice);
    }
    expect(toWireRequest({ messages: [], tools }, settings)).toEqual({
      model: 'm',
      messages: [],
      stream: false,
      tools: [{ type: 'function', function: { name: 't', description: 'd', parameters: { type: 'object' } } }],
    });
    expect(toWireRequest({ messages: [], tools: [], toolChoice: 'auto', stop: [] }, settings)).toEqual({ model: 'm', messages: [], stream: false });
    expect(toWireRequest({ messages: [], temperature: 0 }, { ...settings, stream: true })).toEqual({
      model: 'm',
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
    });
  });
});
