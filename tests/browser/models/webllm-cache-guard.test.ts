import { afterEach, describe, expect, it } from 'vitest';
import { LocalEngineHolder } from '../../../src/app/models/local-engines';
import { createRealModelServices } from '../../../src/app/models/real-model-services';

const MODEL = { engine: 'webllm', modelId: 'Qwen3-0.6B-q4f16_1-MLC' } as const;

const webllmRequested = (): boolean =>
  performance.getEntriesByType('resource').some((entry) => /web-llm|web_llm|webllm_web-llm/.test(entry.name));

afterEach(async () => {
  await caches.delete('webllm/model');
});

describe('isCached for web-llm models', () => {
  it('on a first visit answers "not downloaded" without loading web-llm, and asks web-llm once its cache exists', async () => {
    await caches.delete('webllm/model');
    performance.clearResourceTimings();
    const services = createRealModelServices(new LocalEngineHolder());
    expect(await services.isCached(MODEL)).toBe(false);
    expect(webllmRequested()).toBe(false);

    // Once web-llm has created its cache, the answer comes from web-llm itself (still false: the weights are not there).
    await caches.open('webllm/model');
    expect(await services.isCached(MODEL)).toBe(false);
    expect(webllmRequested()).toBe(true);
  });
});
