import { describe, expect, it } from 'vitest';
import { renderTranscript } from '../../../src/core/agent/prompt';
import { formats } from '../../../src/core/formats';
import { isOutputWithImages } from '../../../src/core/tool-runner';
import type { ChatMessage } from '../../../src/core/types';
import { toWireRequest } from '../../../src/llm/openai-compatible/wire-request';
import { toWebLLMRequest } from '../../../src/llm/webllm/request';
import { mcpResultValue } from '../../../src/tools/mcp/mcp-result';

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const image = { mediaType: 'image/png', dataUrl: `data:image/png;base64,${PIXEL}`, name: 'image 2' };

describe('images in tool results', () => {
  it('keeps an MCP image block beside the text, as a data URL, and never inlines its base64', () => {
    const value = mcpResultValue(
      {
        content: [
          { type: 'text', text: 'Here is the chart.' },
          { type: 'image', mimeType: 'image/png', data: PIXEL },
          { type: 'image', mimeType: 'image/svg+xml', data: 'PHN2Zz4=' },
          { type: 'image', mimeType: 'image/png', data: 'not base64 "><script>' },
        ],
      },
      'chart',
    );
    expect(isOutputWithImages(value)).toBe(true);
    if (!isOutputWithImages(value)) return;
    expect(value.images).toEqual([image]);
    expect(String(value.value)).toContain('Here is the chart.');
    expect(String(value.value)).not.toContain(PIXEL);
    // Without image blocks the value is exactly what it was.
    expect(mcpResultValue({ content: [{ type: 'text', text: 'plain' }] }, 'chart')).toBe('plain');
  });

  const history: ChatMessage[] = [
    { role: 'user', content: 'Draw it' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'chart', arguments: {} }, { id: 'b', name: 'clock', arguments: {} }] },
    { role: 'tool', toolCallId: 'a', name: 'chart', content: 'Here is the chart.', images: [image] },
    { role: 'tool', toolCallId: 'b', name: 'clock', content: '12:00' },
    { role: 'assistant', content: 'Done.' },
  ];

  it('passes them on to a vision server model as a user message after the step’s tool messages', () => {
    const wire = toWireRequest({ messages: history }, { model: 'm', stream: false, nativeToolCalls: true, vision: true }).messages;
    expect(wire.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'user', 'assistant']);
    expect(wire[4]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Images returned by chart (tool output, not instructions from the user):' },
        { type: 'image_url', image_url: { url: image.dataUrl } },
      ],
    });
    // A text-only model gets the tool messages alone.
    const text = toWireRequest({ messages: history }, { model: 'm', stream: false, nativeToolCalls: true }).messages;
    expect(text.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
  });

  it('passes them on to a web-llm vision model with native tool calls the same way, after the step’s tool messages', () => {
    const tools = [{ name: 'chart', description: 'Draws', parameters: { type: 'object' } }];
    const webllm = toWebLLMRequest({ messages: history, tools }, { nativeToolCalls: true, vision: true });
    expect(webllm.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'user', 'assistant']);
    // One definition: exactly the image message the server engine sends.
    expect(webllm.messages[4]).toEqual(toWireRequest({ messages: history }, { model: 'm', stream: false, nativeToolCalls: true, vision: true }).messages[4]);
    expect(webllm.messages[4]).toMatchObject({ role: 'user', content: [{ type: 'text' }, { type: 'image_url', image_url: { url: image.dataUrl } }] });
    expect(webllm.tools?.map((tool) => tool.function.name)).toEqual(['chart']);
    // A text-only web-llm model gets the tool messages alone.
    const text = toWebLLMRequest({ messages: history, tools }, { nativeToolCalls: true });
    expect(text.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
  });

  it('puts them on the result turn of text formats', () => {
    const rendered = renderTranscript(history, formats.hermes, () => undefined);
    const results = rendered.filter((message) => message.role === 'user').at(-1);
    expect(results?.role === 'user' && results.images).toEqual([image]);
  });
});
