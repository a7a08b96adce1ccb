/** The built-in engine in real Chromium: this browser's own LanguageModel, and the fake through the page's streams. */
import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { ChatChunk } from '../../../src/core/types';
import { builtinAiAvailability, createBuiltinAiEngine, findLanguageModel } from '../../../src/llm/builtin-ai';
import { createFakeLanguageModel } from '../../support/fake-language-model';

describe('built-in AI engine in Chromium', () => {
  it("reads this browser's own LanguageModel without throwing, and refuses with a typed error where it cannot run", async () => {
    const api = findLanguageModel();
    const state = await builtinAiAvailability(api);
    expect(['absent', 'unavailable', 'downloadable', 'downloading', 'available']).toContain(state);
    if (state !== 'unavailable') return;
    const engine = createBuiltinAiEngine();
    const error = await engine.load().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(TabagentError.is(error) && error.data.reason).toBe('builtinUnavailable');
  });

  it('streams and stops through the page\'s own ReadableStream', async () => {
    const fake = createFakeLanguageModel({ answers: [['one ', 'two ', 'three ', 'four'], ['again']] });
    const engine = createBuiltinAiEngine({ languageModel: fake });
    const controller = new AbortController();
    const texts: string[] = [];
    const error = await (async () => {
      for await (const chunk of engine.chat({ messages: [{ role: 'user', content: 'count' }] }, controller.signal)) {
        if (chunk.type === 'text-delta') texts.push(chunk.text);
        if (texts.length === 2) controller.abort();
      }
    })().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(TabagentError.is(error) && error.code).toBe('aborted');
    expect(texts).toEqual(['one ', 'two ']);
    const next: ChatChunk[] = [];
    for await (const chunk of engine.chat({ messages: [{ role: 'user', content: 'count' }] })) next.push(chunk);
    expect(next[0]).toEqual({ type: 'text-delta', text: 'again' });
  });
});
