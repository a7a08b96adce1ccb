import { describe, expect, it, vi } from 'vitest';
import type { ApprovalDetails, ApproveCall } from '../../../src/core/tool-runner';
import { registerBuiltins } from '../../../src/tools/builtins';
import type { ModelApiConfig } from '../../../src/tools/builtins/model-api';
import { createToolExecutor } from '../../../src/tools/executor';
import { guardPreview } from '../../../src/tools/request-preview';
import { ToolRegistry } from '../../../src/tools/registry';

const KEY = 'sk-canary-images-5b2d4f6a';
const config: ModelApiConfig = { baseUrl: 'https://api.example.com/v1', model: 'big-model', imageModel: 'painter-1', apiKey: KEY };
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_BYTES = Uint8Array.from(atob(PNG), (char) => char.charCodeAt(0));
/** The first bytes of a JPEG (enough for the type check). */
const JPEG = btoa(String.fromCharCode(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1));

function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

/** model_api through the real executor (origin guard, approval, request guard) with a fake network. */
function setup(answer: unknown, files: Record<string, () => Response> = {}) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetchFake = vi.fn<typeof fetch>(async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requests.push({ url, init });
    if (url.endsWith('/images/generations')) return jsonResponse(answer);
    const file = files[url];
    return file ? file() : new Response('not found', { status: 404 });
  });
  const registry = new ToolRegistry();
  registerBuiltins(registry, { modelApi: () => config });
  const runner = createToolExecutor(registry, { fetch: fetchFake });
  let details: ApprovalDetails | undefined;
  const approve: ApproveCall = async (_call, _signal, shown) => {
    details = shown;
    return 'allow';
  };
  return {
    requests,
    approvalDetails: () => details,
    run: () => runner.execute({ id: 'i1', name: 'model_api', arguments: { task: 'image', prompt: 'a fox' } }, { approve }),
  };
}

describe('model_api images', () => {
  it('shows b64_json images as data URLs of the type their bytes say, and the model reads a note, not the data', async () => {
    const { run } = setup({ data: [{ b64_json: PNG }, { b64_json: JPEG }] });
    const result = await run();
    expect(result.isError).toBe(false);
    expect(result.images).toEqual([
      { mediaType: 'image/png', dataUrl: `data:image/png;base64,${PNG}`, name: 'image 1' },
      { mediaType: 'image/jpeg', dataUrl: `data:image/jpeg;base64,${JPEG}`, name: 'image 2' },
    ]);
    expect(JSON.parse(result.content)).toEqual({
      images: [
        { image: 'image 1', mediaType: 'image/png', bytes: PNG_BYTES.length, shown: true },
        { image: 'image 2', mediaType: 'image/jpeg', bytes: 12, shown: true },
      ],
    });
    expect(result.content).not.toContain(PNG);
  });

  it('does not show base64 that is no image we know, or too large', async () => {
    const svg = btoa('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const huge = `${PNG.slice(0, 12)}${'A'.repeat(13_400_000)}`;
    const { run } = setup({ data: [{ b64_json: svg }, { b64_json: huge }, { b64_json: 'not base64 "><img>' }] });
    const result = await run();
    expect(result.isError).toBe(false);
    expect(result.images).toBeUndefined();
    const notes = (JSON.parse(result.content) as { images: Array<{ shown: boolean; reason: string }> }).images;
    expect(notes.map((note) => note.shown)).toEqual([false, false, false]);
    expect(notes[0]?.reason).toMatch(/not a PNG, JPEG, WebP or GIF/);
    expect(notes[1]?.reason).toMatch(/over the 10 MB limit/);
    expect(notes[2]?.reason).toMatch(/not base64/);
  });

  it('downloads a linked image on the API’s own origin through the tool’s fetch: GET, no key, no redirects, shown in the approval', async () => {
    const link = 'https://api.example.com/files/fox.png';
    const { run, requests, approvalDetails } = setup({ data: [{ url: link }] }, { [link]: () => new Response(PNG_BYTES, { headers: { 'Content-Type': 'image/png' } }) });
    const result = await run();
    expect(result.isError).toBe(false);
    expect(result.images).toEqual([{ mediaType: 'image/png', dataUrl: `data:image/png;base64,${PNG}`, name: 'image 1' }]);
    expect(requests.map((request) => `${request.init.method} ${request.url}`)).toEqual([
      'POST https://api.example.com/v1/images/generations',
      `GET ${link}`,
    ]);
    const download = requests[1]?.init;
    expect(download).toMatchObject({ method: 'GET', redirect: 'error', credentials: 'omit' });
    expect(JSON.stringify(download?.headers ?? {})).not.toContain(KEY);
    // The person was told before approving that images on that origin may be downloaded.
    expect(approvalDetails()?.requests?.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST https://api.example.com/v1/images/generations',
      'GET https://api.example.com/…',
    ]);
  });

  it('keeps links elsewhere as text and never requests them', async () => {
    const links = ['https://cdn.example.com/fox.png', 'https://api.example.com.evil.test/fox.png', 'http://api.example.com/fox.png', 'javascript:alert(1)'];
    const { run, requests } = setup({ data: links.map((url) => ({ url })) });
    const result = await run();
    expect(result.images).toBeUndefined();
    expect(requests).toHaveLength(1);
    const notes = (JSON.parse(result.content) as { images: Array<{ url: string; shown: boolean; reason: string }> }).images;
    expect(notes.map((note) => note.url)).toEqual(links);
    for (const note of notes) expect(note.reason).toMatch(/not on the model API's origin/);
  });

  it('does not show a same-origin link that is not an image, fails, or is too large (declared or streamed)', async () => {
    const base = 'https://api.example.com/files';
    let streamCancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1_000_000).fill(0x89));
      },
      cancel() {
        streamCancelled = true;
      },
    });
    const { run } = setup(
      { data: [{ url: `${base}/page.png` }, { url: `${base}/gone.png` }, { url: `${base}/big.png` }, { url: `${base}/endless.png` }] },
      {
        [`${base}/page.png`]: () => new Response('<html><script>x</script></html>', { headers: { 'Content-Type': 'image/png' } }),
        [`${base}/gone.png`]: () => new Response('gone', { status: 410 }),
        [`${base}/big.png`]: () => new Response(PNG_BYTES, { headers: { 'Content-Length': '20000000' } }),
        [`${base}/endless.png`]: () => new Response(endless),
      },
    );
    const result = await run();
    expect(result.isError).toBe(false);
    expect(result.images).toBeUndefined();
    const reasons = (JSON.parse(result.content) as { images: Array<{ reason: string }> }).images.map((note) => note.reason);
    expect(reasons[0]).toMatch(/not a PNG, JPEG, WebP or GIF/);
    expect(reasons[1]).toMatch(/answered 410/);
    expect(reasons[2]).toMatch(/20 MB, over the 10 MB limit/);
    expect(reasons[3]).toMatch(/over the 10 MB limit/);
    expect(streamCancelled).toBe(true);
  });
});

describe('an approved URL prefix (guardPreview)', () => {
  it('lets through GETs without a body under the prefix only', async () => {
    const sent: string[] = [];
    const guarded = guardPreview(
      async (input, init) => {
        sent.push(`${init?.method ?? 'GET'} ${String(input)}`);
        return new Response('');
      },
      'model_api',
      [{ method: 'GET', url: 'https://api.example.com/', urlPrefix: true }],
    );
    await guarded('https://api.example.com/files/a.png', { method: 'GET' });
    await guarded('https://api.example.com/files/b.png', { method: 'GET' });
    const refused = [
      guarded('https://api.example.com/files/a.png', { method: 'POST', body: 'secret' }),
      guarded('https://api.example.com.evil.test/a.png', { method: 'GET' }),
      guarded('https://user@api.example.com/a.png', { method: 'GET' }),
      guarded('http://api.example.com/a.png', { method: 'GET' }),
    ];
    for (const attempt of refused) await expect(attempt).rejects.toMatchObject({ code: 'denied' });
    expect(sent).toEqual(['GET https://api.example.com/files/a.png', 'GET https://api.example.com/files/b.png']);
  });
});
