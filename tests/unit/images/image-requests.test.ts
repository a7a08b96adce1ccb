import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../src/core/agent/prompt';
import type { ChatMessage, ImagePart } from '../../../src/core/types';
import { createLazyOpenAICompatibleEngine } from '../../../src/llm/openai-compatible/lazy-engine';
import { toWireRequest } from '../../../src/llm/openai-compatible/wire-request';
import { toWebLLMRequest } from '../../../src/llm/webllm/request';

const png: ImagePart = { mediaType: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', name: 'dot.png' };
const jpeg: ImagePart = { mediaType: 'image/jpeg', dataUrl: 'data:image/jpeg;base64,/9j/4AAQ', name: 'photo.jpg' };
const withImages: ChatMessage = { role: 'user', content: 'What is in these?', images: [png, jpeg] };
const settings = { model: 'm', stream: false, nativeToolCalls: true };

describe('images in requests', () => {
  it('sends a vision model a text part and one image_url part per image, as data URLs', () => {
    const body = toWireRequest({ messages: [withImages] }, { ...settings, vision: true });
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
        ],
      },
    ]);
  });

  it('leaves text-only messages exactly as they were, even for a vision model', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
      { role: 'user', content: 'v', images: [] },
    ];
    expect(toWireRequest({ messages }, { ...settings, vision: true }).messages).toEqual([
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
      { role: 'user', content: 'v' },
    ]);
  });

  it('tells a text-only model that images were there, without sending their bytes', () => {
    const [message] = toWireRequest({ messages: [withImages] }, settings).messages;
    expect(typeof message?.content).toBe('string');
    expect(message?.content).toContain('What is in these?');
    expect(message?.content).toContain('dot.png');
    expect(JSON.stringify(message)).not.toContain('base64');
  });

  it('gives web-llm vision models the same image_url parts, other web-llm models text', () => {
    const vision = toWebLLMRequest({ messages: [withImages] }, { nativeToolCalls: false, vision: true });
    expect(vision.messages[0]).toEqual(toWireRequest({ messages: [withImages] }, { ...settings, vision: true }).messages[0]);
    const text = toWebLLMRequest({ messages: [withImages] }, { nativeToolCalls: false });
    expect(typeof text.messages[0]?.content).toBe('string');
  });

  it('keeps the images of user messages when the prompt is built (with the turn context added to the text)', () => {
    const prompt = buildPrompt({ systemPrompt: 'sys', format: null, tools: [], transcript: [withImages], turnContext: 'ctx' });
    expect(prompt[1]).toEqual({ role: 'user', content: 'What is in these?\n\n<context>\nctx\n</context>', images: [png, jpeg] });
  });

  it('says a server model reads images unless the person switched it off', () => {
    expect(createLazyOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm' }).capabilities.vision).toBe(true);
    expect(createLazyOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm', vision: false }).capabilities.vision).toBe(false);
  });
});
