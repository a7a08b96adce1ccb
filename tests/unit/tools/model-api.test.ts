import { describe, expect, it, vi } from 'vitest';
import type { ApproveCall, ToolResult } from '../../../src/core/tool-runner';
import { registerBuiltins } from '../../../src/tools/builtins';
import { manifest, type ModelApiConfig } from '../../../src/tools/builtins/model-api';
import { createToolExecutor } from '../../../src/tools/executor';
import { ToolRegistry } from '../../../src/tools/registry';

const KEY = 'sk-canary-7f3a9c1e5b2d4f6a8c0e';
const allow: ApproveCall = async () => 'allow';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function setup(config: ModelApiConfig | undefined, respond: (url: string, init: RequestInit) => Promise<Response> | Response) {
  let current = config;
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetchFake = vi.fn<typeof fetch>(async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requests.push({ url, init });
    return respond(url, init);
  });
  const registry = new ToolRegistry();
  registerBuiltins(registry, { modelApi: () => current });
  const runner = createToolExecutor(registry, { fetch: fetchFake });
  return {
    requests,
    fetchFake,
    setConfig: (next: ModelApiConfig | undefined) => (current = next),
    run: (args: Record<string, unknown>, options: { approve?: ApproveCall; signal?: AbortSignal } = { approve: allow }) =>
      runner.execute({ id: 'm1', name: 'model_api', arguments: args }, options),
  };
}

const config: ModelApiConfig = { baseUrl: 'https://api.example.com/v1/', model: 'big-model', imageModel: 'painter-1', apiKey: KEY };

/** Everything a result exposes to the model, UI, logs and exports. */
function everythingIn(result: ToolResult): string {
  return JSON.stringify({ content: result.content, error: result.error?.toJSON(), message: result.error?.message });
}

describe('model_api', () => {
  it('is a side-effecting model-api tool whose manifest holds only a secret reference', () => {
    expect(manifest).toMatchObject({ name: 'model_api', kind: 'model-api', sideEffects: true, allowedOrigins: [] });
    expect(manifest.secrets).toEqual([{ name: 'model_api.apiKey', description: expect.any(String) as unknown }]);
  });

  it('sends a chat request and returns the text', async () => {
    const { run, requests } = setup(config, () => jsonResponse({ choices: [{ message: { role: 'assistant', content: 'Hello there' } }] }));
    const result = await run({ task: 'chat', prompt: 'Say hello', system: 'Be brief.' });
    expect(result).toMatchObject({ isError: false });
    expect(JSON.parse(result.content)).toEqual({ text: 'Hello there' });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe('https://api.example.com/v1/chat/completions');
    expect(request?.init.method).toBe('POST');
    expect(JSON.parse(String(request?.init.body))).toEqual({
      model: 'big-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ],
      stream: false,
    });
    const headers = request?.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe(`Bearer ${KEY}`);
    expect(headers['Content-Type']).toBe('application/json');
    expect(request?.init.redirect).toBe('error');
    expect(request?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('puts the key only in the Authorization header', async () => {
    const { run, requests } = setup(config, () => jsonResponse({ choices: [{ message: { content: 'ok' } }] }));
    const result = await run({ task: 'chat', prompt: 'hi' });
    const request = requests[0];
    const headers = { ...(request?.init.headers as Record<string, string>) };
    delete headers.Authorization;
    expect(request?.url).not.toContain(KEY);
    expect(String(request?.init.body)).not.toContain(KEY);
    expect(JSON.stringify(headers)).not.toContain(KEY);
    expect(everythingIn(result)).not.toContain(KEY);
  });

  it('sends no Authorization header when there is no key (local servers)', async () => {
    const { run, requests } = setup({ baseUrl: 'http://localhost:8000/v1', model: 'local' }, () =>
      jsonResponse({ choices: [{ message: { content: [{ type: 'text', text: 'par' }, { type: 'text', text: 'ts' }] } }] }),
    );
    const result = await run({ task: 'chat', prompt: 'hi' });
    expect(JSON.parse(result.content)).toEqual({ text: 'parts' });
    expect(requests[0]?.url).toBe('http://localhost:8000/v1/chat/completions');
    expect((requests[0]?.init.headers as Record<string, string>).Authorization).toBeUndefined();
    expect(JSON.parse(String(requests[0]?.init.body)).messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('generates images with the image model', async () => {
    const { run, requests } = setup(config, () => jsonResponse({ created: 1, data: [{ url: 'https://cdn.example.com/fox.png' }, { b64_json: 'aGVsbG8=' }] }));
    const result = await run({ task: 'image', prompt: 'a fox' });
    // A link elsewhere stays a link; base64 that is no image is not shown (model-api-images.test.ts has the rest).
    expect(JSON.parse(result.content)).toEqual({
      images: [
        { url: 'https://cdn.example.com/fox.png', shown: false, reason: expect.stringMatching(/not on the model API's origin/) as unknown },
        { image: 'image 2', shown: false, reason: expect.stringMatching(/not a PNG, JPEG, WebP or GIF/) as unknown },
      ],
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('https://api.example.com/v1/images/generations');
    expect(JSON.parse(String(requests[0]?.init.body))).toEqual({ model: 'painter-1', prompt: 'a fox', n: 1 });
  });

  it('asks for an image model before generating images', async () => {
    const { run, fetchFake } = setup({ ...config, imageModel: undefined }, () => jsonResponse({}));
    const result = await run({ task: 'image', prompt: 'a fox' });
    expect(result.error?.code).toBe('config');
    expect(result.error?.message).toMatch(/no image model is configured.*Settings/);
    expect(fetchFake).not.toHaveBeenCalled();
  });

  it.each([
    ['no config', undefined, /no base URL is configured/],
    ['empty base URL', { baseUrl: ' ', model: 'm', apiKey: KEY }, /no base URL is configured/],
    ['no model', { baseUrl: 'https://api.example.com/v1', model: '', apiKey: KEY }, /no model is configured/],
    ['not http', { baseUrl: 'ftp://api.example.com', model: 'm', apiKey: KEY }, /not an http\(s\) address/],
  ])('reports missing or broken config (%s) as a config error pointing to Settings', async (_label, broken, expected) => {
    const { run, fetchFake } = setup(broken, () => jsonResponse({}));
    const result = await run({ task: 'chat', prompt: 'hi' });
    expect(result.error?.code).toBe('config');
    expect(result.error?.message).toMatch(expected);
    expect(result.error?.message).toContain('Settings → Model API');
    expect(everythingIn(result)).not.toContain(KEY);
    expect(fetchFake).not.toHaveBeenCalled();
  });

  it('reads the settings on every call', async () => {
    const { run, requests, setConfig } = setup(undefined, () => jsonResponse({ choices: [{ message: { content: 'ok' } }] }));
    expect((await run({ task: 'chat', prompt: 'hi' })).error?.code).toBe('config');
    setConfig({ baseUrl: 'https://one.example.com/v1', model: 'a' });
    await run({ task: 'chat', prompt: 'hi' });
    setConfig({ baseUrl: 'https://two.example.com/api', model: 'b' });
    await run({ task: 'chat', prompt: 'hi' });
    expect(requests.map((request) => request.url)).toEqual([
      'https://one.example.com/v1/chat/completions',
      'https://two.example.com/api/chat/completions',
    ]);
  });

  it('is not sent without approval', async () => {
    const { run, fetchFake } = setup(config, () => jsonResponse({}));
    expect((await run({ task: 'chat', prompt: 'hi' }, {})).error?.code).toBe('denied');
    expect((await run({ task: 'chat', prompt: 'hi' }, { approve: async () => 'deny' })).error?.code).toBe('denied');
    expect(fetchFake).not.toHaveBeenCalled();
  });

  it('rejects bad arguments before asking or sending', async () => {
    const { run, fetchFake } = setup(config, () => jsonResponse({}));
    const approve = vi.fn<ApproveCall>(async () => 'allow');
    const result = await run({ task: 'video', prompt: '' }, { approve });
    expect(result.error?.code).toBe('invalid-arguments');
    expect(approve).not.toHaveBeenCalled();
    expect(fetchFake).not.toHaveBeenCalled();
  });

  it.each([
    [401, { error: { message: `Incorrect API key provided: ${KEY}` } }, /answered 401: Incorrect API key provided: \[redacted\]\. Check the API key/],
    [404, { error: { message: 'The model big-model does not exist' } }, /answered 404: The model big-model does not exist\. Check the base URL and model name/],
    [429, { error: { message: 'Rate limit reached' } }, /answered 429: Rate limit reached\. The API is rate-limiting/],
    [500, `upstream crashed while using key ${KEY}`, /answered 500: upstream crashed while using key \[redacted\]\. The server had a problem/],
  ])('turns HTTP %s into a clear error without the key', async (status, body, expected) => {
    const { run } = setup(config, () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));
    const result = await run({ task: 'chat', prompt: 'hi' });
    expect(result.isError).toBe(true);
    expect(result.error?.code).toBe('tool-failed');
    expect(result.error?.message).toMatch(expected);
    expect(result.error?.data).toMatchObject({ status });
    expect(everythingIn(result)).not.toContain(KEY);
  });

  it('reports network failures without the key', async () => {
    const { run } = setup(config, () => {
      throw new TypeError(`fetch failed (Authorization: Bearer ${KEY})`);
    });
    const result = await run({ task: 'chat', prompt: 'hi' });
    // No answer: a network error naming the host and the tool, which the UI translates.
    expect(result.error?.code).toBe('network');
    expect(result.error?.data).toMatchObject({ source: 'tool', host: 'api.example.com', name: 'model_api', reason: 'unreachable' });
    expect(result.error?.message).toMatch(/^The tool model_api could not reach api\.example\.com/);
    expect(everythingIn(result)).not.toContain(KEY);
  });

  it('reports answers that are not JSON or have no text', async () => {
    const notJson = setup(config, () => new Response('<html>gateway</html>', { status: 200 }));
    expect((await notJson.run({ task: 'chat', prompt: 'hi' })).error?.message).toMatch(/not JSON/);
    const empty = setup(config, () => jsonResponse({ choices: [] }));
    expect((await empty.run({ task: 'chat', prompt: 'hi' })).error?.message).toMatch(/without any text/);
    const noImages = setup(config, () => jsonResponse({ data: [] }));
    expect((await noImages.run({ task: 'image', prompt: 'x' })).error?.message).toMatch(/without any image/);
  });

  it('stops a request when the user stops', async () => {
    const { run } = setup(
      config,
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const pending = run({ task: 'chat', prompt: 'hi' }, { approve: allow, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const result = await pending;
    expect(result.error?.code).toBe('aborted');
  });
});
