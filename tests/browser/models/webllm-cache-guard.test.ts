import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalEngineHolder } from '../../../src/app/models/local-engines';
import { createRealModelServices } from '../../../src/app/models/real-model-services';

const MODEL = { engine: 'webllm', modelId: 'Qwen3-0.6B-q4f16_1-MLC' } as const;

/** Workers the page starts (web-llm's runtime loads only in its worker). */
const spawned: string[] = [];
const PageWorker = globalThis.Worker;
class CountedWorker extends PageWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    spawned.push(String(url));
  }
}

const webllmRequested = (): boolean =>
  spawned.some((url) => /webllm\.worker/.test(url)) ||
  performance.getEntriesByType('resource').some((entry) => /web-llm|web_llm|webllm_web-llm/.test(entry.name));

beforeEach(() => {
  spawned.length = 0;
  globalThis.Worker = CountedWorker;
});

afterEach(async () => {
  globalThis.Worker = PageWorker;
  await caches.delete('webllm/model');
});

describe('isCached for web-llm models', () => {
  // The second question starts web-llm's worker: seconds on a busy machine.
  it('on a first visit answers "not downloaded" without loading web-llm, and asks web-llm once its cache exists', { timeout: 60_000 }, async () => {
    await caches.delete('webllm/model');
    performance.clearResourceTimings();
    const services = createRealModelServices(new LocalEngineHolder());
    expect(await services.isCached(MODEL)).toBe(false);
    expect(webllmRequested()).toBe(false);

    // Once web-llm has created its cache, the answer comes from web-llm itself, in its worker (still
    // false: the weights are not there), and the page itself never loads web-llm's library.
    await caches.open('webllm/model');
    expect(await services.isCached(MODEL)).toBe(false);
    expect(webllmRequested()).toBe(true);
    expect(performance.getEntriesByType('resource').filter((entry) => /@mlc-ai|web-llm/.test(entry.name))).toEqual([]);
  });
});
