/**
 * The page's token counter in Chromium: it reads the tokenizer files transformers.js cached (with
 * @huggingface/tokenizers, not transformers.js) and makes no request when they are there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTokenCounter } from '../../../src/llm/transformers/token-counter';
import { buildTinyTokenizer } from '../../fixtures/tiny-llm-tokenizer';

const MODEL = 'test-org/tiny-counter';
const base = `https://huggingface.co/${MODEL}/resolve/main/`;
const options = { modelId: MODEL, device: 'wasm', allowRemote: true, remoteHost: 'https://huggingface.co/' } as const;

const requested: string[] = [];
const pageFetch = globalThis.fetch;

beforeEach(() => {
  requested.length = 0;
  // Nothing may leave the page: a request here means the cache was not read.
  globalThis.fetch = async (input) => {
    requested.push(input instanceof Request ? input.url : String(input));
    throw new TypeError('Failed to fetch');
  };
});

afterEach(async () => {
  globalThis.fetch = pageFetch;
  await caches.delete('transformers-cache');
});

describe('loadTokenCounter in the browser', () => {
  it('counts with the tokenizer transformers.js cached, without a request', async () => {
    const cache = await caches.open('transformers-cache');
    await cache.put(`${base}tokenizer.json`, Response.json(buildTinyTokenizer().tokenizerJson));
    await cache.put(`${base}tokenizer_config.json`, Response.json({ tokenizer_class: 'Qwen2Tokenizer', model_max_length: 2048 }));

    const count = await loadTokenCounter(options);
    // The fixture's merges: " the" is one token (Ġt + he), "the" two (t, he); a special token is one.
    expect([count(''), count(' the'), count('the'), count('<|im_start|>')]).toEqual([0, 1, 2, 1]);
    expect(requested).toEqual([]);
  });

  it('fails with a typed error when the files are neither cached nor reachable', async () => {
    await expect(loadTokenCounter(options)).rejects.toMatchObject({ code: 'not-found' });
    expect(requested).toContain(`${base}tokenizer.json`);
  });
});
