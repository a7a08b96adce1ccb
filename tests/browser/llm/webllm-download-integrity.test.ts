/**
 * web-llm's downloads are checked against the hub's published hashes in Chromium, on the path
 * web-llm really takes: `Cache.add` (routed through `fetch` by src/net/cache-add.ts) reaching the
 * web-llm worker's verified `fetch`. A byte flipped in a weight shard (LFS SHA-256) or a config
 * (git blob SHA-1) is refused with a typed error and never reaches the cache.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { verifyWebLLMDownloads } from '../../../src/llm/webllm/verified-downloads';
import { toWebLLMError } from '../../../src/llm/webllm/errors';
import { routeCacheAddThroughFetch } from '../../../src/net/cache-add';

const HOST = 'https://huggingface.co/';
const MODEL = 'mlc-ai/Tiny-q4f32_1-MLC';
const url = (file: string): string => `${HOST}${MODEL}/resolve/main/${file}`;
/** git's blob id of "hello\n" (`git hash-object` of a file holding it): a hash this test does not compute. */
const HELLO_BLOB_SHA1 = 'ce013625030ba8dba906f756967f9e9ca394464a';

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A stand-in for the hub: its tree listing and `resolve` files, from `served` (which a test may tamper with). */
function fakeHub(served: Map<string, Uint8Array>, listing: unknown[]): typeof fetch {
  return async (input) => {
    const target = input instanceof Request ? input.url : input.toString();
    if (target === `${HOST}api/models/${MODEL}/tree/main?recursive=true`) return Response.json(listing);
    const file = target.startsWith(url('')) ? target.slice(url('').length) : undefined;
    const bytes = file === undefined ? undefined : served.get(file);
    return bytes ? new Response(bytes.slice()) : new Response('Not Found', { status: 404 });
  };
}

const restores: Array<() => void> = [];
afterEach(async () => {
  for (const restore of restores.splice(0).reverse()) restore();
  await caches.delete('tabagent-test-webllm');
});

async function setUp(): Promise<{ served: Map<string, Uint8Array>; cache: Cache; shard: Uint8Array<ArrayBuffer> }> {
  const shard = new Uint8Array(4096).map((_, index) => (index * 31) % 251);
  const served = new Map<string, Uint8Array>([
    ['mlc-chat-config.json', new TextEncoder().encode('hello\n')],
    ['params_shard_0.bin', shard],
    ['tokenizer_config.json', new TextEncoder().encode('{}')],
  ]);
  const listing = [
    { type: 'file', path: 'mlc-chat-config.json', oid: HELLO_BLOB_SHA1, size: 6 },
    { type: 'file', path: 'params_shard_0.bin', oid: '0'.repeat(40), size: shard.length, lfs: { oid: await sha256(shard), size: shard.length } },
    // No hash published for this one: it passes unchecked.
    { type: 'file', path: 'tokenizer_config.json' },
  ];
  const before = globalThis.fetch;
  globalThis.fetch = fakeHub(served, listing);
  restores.push(() => (globalThis.fetch = before));
  verifyWebLLMDownloads(globalThis);
  restores.push(routeCacheAddThroughFetch());
  return { served, cache: await caches.open('tabagent-test-webllm'), shard };
}

async function refusal(cache: Cache, file: string): Promise<TabagentError> {
  const error = await cache.add(new Request(url(file))).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(TabagentError.is(error), String(error)).toBe(true);
  return error as TabagentError;
}

describe('web-llm downloads are checked against the hub’s hashes', () => {
  it('caches genuine files: the shard (SHA-256), the config (git blob SHA-1) and an unlisted file', async () => {
    const { cache } = await setUp();
    for (const file of ['params_shard_0.bin', 'mlc-chat-config.json', 'tokenizer_config.json']) await cache.add(new Request(url(file)));
    expect(new Uint8Array(await (await cache.match(url('params_shard_0.bin')))!.arrayBuffer())).toHaveLength(4096);
    expect(await (await cache.match(url('mlc-chat-config.json')))!.text()).toBe('hello\n');
  });

  it('refuses a weight shard with one byte flipped, and nothing is cached', async () => {
    const { served, cache, shard } = await setUp();
    const tampered = shard.slice();
    tampered[2048]! ^= 0x01;
    served.set('params_shard_0.bin', tampered);
    const error = await refusal(cache, 'params_shard_0.bin');
    expect(error.code).toBe('integrity');
    expect(error.data).toMatchObject({ host: 'huggingface.co', file: 'params_shard_0.bin', expected: await sha256(shard) });
    expect(await cache.match(url('params_shard_0.bin'))).toBeUndefined();
    // As it reaches the page from the worker (web-llm sends "Name: message" text): still an integrity error naming the file.
    const relayed = toWebLLMError(String(error), 'Tiny-q4f32_1-MLC');
    expect(relayed.code).toBe('integrity');
    expect(relayed.data).toMatchObject({ file: 'params_shard_0.bin', host: 'huggingface.co' });
  });

  it('refuses a config whose bytes differ from the published git blob', async () => {
    const { served, cache } = await setUp();
    served.set('mlc-chat-config.json', new TextEncoder().encode('hellO\n'));
    const error = await refusal(cache, 'mlc-chat-config.json');
    expect(error.code).toBe('integrity');
    expect(error.data).toMatchObject({ file: 'mlc-chat-config.json', expected: HELLO_BLOB_SHA1 });
    expect(await cache.match(url('mlc-chat-config.json'))).toBeUndefined();
  });
});
