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

  it('sends chat_template_kwargs.enable_thinking only when the request sets thinking', () => {
    const settings = { model: 'm', stream: true, nativeToolCalls: true };
    expect(toWireRequest({ messages: [], thinking: false }, settings).chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(toWireRequest({ messages: [], thinking: true }, settings).chat_template_kwargs).toEqual({ enable_thinking: true });
    // Servers that do not know the field keep working: it is not in the body at all.
    expect('chat_template_kwargs' in toWireRequest({ messages: [] }, settings)).toBe(false);
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
