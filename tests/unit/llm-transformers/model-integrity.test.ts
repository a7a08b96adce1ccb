/**
 * Model files are checked against the SHA-256 the hub lists for them: a local server plays the
 * Hugging Face hub (its `resolve` file layout and its `/api/models/{id}/tree/{rev}` listing) for
 * the generated tiny model, and a byte flipped in the served weights must stop the load.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { loadModel } from '../../../src/llm/transformers/load-model';
import { createVerifiedFetch } from '../../../src/llm/transformers/verified-fetch';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

const MODEL = `test-org/${TINY_LLM_ID}`;
let loads = 0;
let server: Server;
let host: string;
/** The served bytes of each file, which a test may tamper with. */
const served = new Map<string, Buffer>();
const requests: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let cacheDir: string;
let cacheDirBefore: string | null;

beforeAll(async () => {
  // A cache of our own, and a new model id per test: every load downloads afresh.
  cacheDirBefore = env.cacheDir;
  cacheDir = mkdtempSync(join(tmpdir(), 'tabagent-integrity-'));
  env.cacheDir = cacheDir;
  const dir = makeTinyLlm(GENERATED_MODELS_DIR);
  for (const path of filesUnder(dir)) served.set(relative(dir, path), readFileSync(path));
  // The listing hashes the genuine files; LFS entries (the .onnx weights) carry their SHA-256.
  const listing = [...served].map(([path, bytes]) => ({
    type: 'file',
    path,
    size: bytes.length,
    ...(path.endsWith('.onnx') ? { lfs: { oid: createHash('sha256').update(bytes).digest('hex'), size: bytes.length } } : {}),
  }));
  server = createServer((request, response) => {
    const url = decodeURIComponent((request.url ?? '').split('?')[0]!);
    requests.push(url);
    // Every model id under test-org/ serves the same files.
    if (/^\/api\/models\/test-org\/[^/]+\/tree\/main$/.test(url)) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(listing));
      return;
    }
    const file = /^\/test-org\/[^/]+\/resolve\/main\/(.+)$/.exec(url)?.[1];
    const bytes = file === undefined ? undefined : served.get(file);
    if (!bytes) response.writeHead(404).end('Not Found');
    else response.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

/**
 * Resolves once every file of `model` that the server has sent, except `skip`, sits in the cache. A
 * load that fails on one file leaves the library still writing the others there in the background;
 * removing the cache under such a write would fail it outside any test.
 */
async function cacheSettled(model: string, skip: string): Promise<void> {
  const expected = requests.flatMap((url) => {
    const file = url.startsWith(`/${model}/resolve/main/`) ? url.slice(`/${model}/resolve/main/`.length) : undefined;
    return file !== undefined && file !== skip && served.has(file) ? [join(cacheDir, model, file)] : [];
  });
  const deadline = Date.now() + 5_000;
  while (!expected.every((path) => existsSync(path)) || filesUnder(cacheDir).some((path) => path.includes('.tmp.'))) {
    if (Date.now() > deadline) throw new Error(`The model cache did not settle: ${expected.filter((path) => !existsSync(path)).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterAll(async () => {
  env.cacheDir = cacheDirBefore;
  rmSync(cacheDir, { recursive: true, force: true });
  await new Promise((resolve) => server.close(resolve));
});

const options = () => ({ modelId: `${MODEL}-${(loads += 1)}`, device: 'wasm' as const, dtype: 'fp32' as const, remoteHost: host, allowRemote: true, useBrowserCache: false });

describe('model file integrity (Hugging Face hub hashes)', () => {
  it('loads the genuine files, checked against the listing', async () => {
    requests.length = 0;
    const loaded = await loadModel(options());
    expect(requests).toContain(`/api/models/${MODEL}-${loads}/tree/main`);
    // A verified download is cached as usual (so the check below, that a tampered one is not, means something).
    expect(filesUnder(cacheDir).some((path) => path.includes(`${TINY_LLM_ID}-${loads}`) && path.endsWith('.onnx'))).toBe(true);
    await loaded.model.dispose();
  });

  it('refuses a model file with one byte flipped: a typed integrity error, and the model is not loaded', async () => {
    const genuine = served.get('onnx/model.onnx')!;
    const tampered = Buffer.from(genuine);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    served.set('onnx/model.onnx', tampered);
    try {
      const error = (await loadModel(options()).then(
        () => undefined,
        (caught: unknown) => caught,
      )) as TabagentError;
      expect(TabagentError.is(error), String(error) + JSON.stringify((error as TabagentError).data ?? {})).toBe(true);
      expect(error.code).toBe('integrity');
      expect(error.data).toMatchObject({ file: 'onnx/model.onnx', expected: createHash('sha256').update(genuine).digest('hex') });
      expect(error.message).toMatch(/^The model file onnx\/model\.onnx from 127\.0\.0\.1:\d+ does not match the checksum/);
      // Not kept: the cache holds no weights for this model.
      const cached = filesUnder(cacheDir).filter((path) => path.includes(`${TINY_LLM_ID}-${loads}`) && path.endsWith('.onnx'));
      expect(cached).toEqual([]);
    } finally {
      await cacheSettled(`${MODEL}-${loads}`, 'onnx/model.onnx');
      served.set('onnx/model.onnx', genuine);
    }
  });

  it('passes files the listing has no hash for, and any URL outside the hub layout', async () => {
    const verified = createVerifiedFetch(host);
    expect((await verified(`${host}${MODEL}/resolve/main/config.json`)).ok).toBe(true);
    expect((await verified(`${host}elsewhere/file.bin`)).status).toBe(404);
  });
});
