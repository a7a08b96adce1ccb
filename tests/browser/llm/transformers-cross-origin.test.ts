/** A model folder on another origin, read the way the hub is (the Models page's custom URL path). */
import { describe, expect, it } from 'vitest';
import { collectChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../src/llm/transformers';
import { modelUrlLocation } from '../../../src/app/models/model-url-location';
import { chatRequest, FIXTURE_MODELS_URL } from './worker-support';

describe('transformers engine with a model URL on another origin', () => {
  it('loads and answers from a folder served by another origin', { timeout: 120_000 }, async () => {
    // The test page's server answers on both names; they are different origins to the browser.
    const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const folder = `${location.protocol}//${otherHost}:${location.port}${FIXTURE_MODELS_URL}tiny-llm/`;
    const where = modelUrlLocation(folder, location.origin);
    expect(where.allowRemote).toBe(true);
    const engine = createTransformersEngine({ device: 'wasm', dtype: 'fp32', useBrowserCache: false, ...where });
    await engine.load();
    try {
      const answer = await collectChat(engine.chat({ ...chatRequest, maxTokens: 8 }));
      expect(answer.usage?.completionTokens).toBe(8);
      const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
      expect(fetched.some((url) => url.startsWith(folder) && url.endsWith('config.json'))).toBe(true);
    } finally {
      await engine.unload();
    }
  });
});
