import { describe, expect, it } from 'vitest';
import { collectChat, createLazyOpenAICompatibleEngine, createOpenAICompatibleEngine } from '../../../src/llm';
import { deltaChunk, scriptedFetch, sse, sseResponse } from '../../support/fake-fetch';

const question = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('openai-compatible engine loaded on first use', () => {
  it('states the same id and capabilities as the eager engine before any load', () => {
    const options = { baseUrl: 'https://api.example.com/v1', model: 'm', nativeToolCalls: false, contextWindow: 32_768 };
    const lazy = createLazyOpenAICompatibleEngine(options);
    const eager = createOpenAICompatibleEngine(options);
    expect(lazy.id).toBe(eager.id);
    expect(lazy.capabilities).toEqual(eager.capabilities);
  });

  it('refuses unusable settings at once, as the eager engine does', () => {
    expect(() => createLazyOpenAICompatibleEngine({ baseUrl: 'https://api.example.com/v1', model: ' ' })).toThrow(/model name/);
    expect(() => createLazyOpenAICompatibleEngine({ baseUrl: 'not a url', model: 'm' })).toThrow();
    expect(() => createLazyOpenAICompatibleEngine({ baseUrl: 'https://api.example.com/v1', model: 'm', apiKey: 'with space' })).toThrow(/API key/);
  });

  it('streams an answer through the real engine, with the injected fetch', async () => {
    const fetch = scriptedFetch([
      sseResponse([sse(deltaChunk({ content: 'Hel' }), deltaChunk({ content: 'lo' }), deltaChunk({}, 'stop'), '[DONE]')]),
    ]);
    const engine = createLazyOpenAICompatibleEngine({ baseUrl: 'https://api.example.com/v1', model: 'm', fetch });
    const answer = await collectChat(engine.chat(question));
    expect(answer.text).toBe('Hello');
    expect(fetch.calls).toHaveLength(1);
    expect(fetch.calls[0]?.url).toBe('https://api.example.com/v1/chat/completions');
  });
});
