import { afterEach, describe, expect, it } from 'vitest';
import { collectChat, createOpenAICompatibleEngine } from '../../../src/llm';
import { startOpenAITestServer, type OpenAITestServer, type Reply } from '../../support/openai-test-server';
import { failure, question } from './helpers';

let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function errorFor(reply: Reply, options: { apiKey?: string; model?: string } = {}) {
  await server?.close();
  server = await startOpenAITestServer({ respond: () => reply });
  const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: options.model ?? 'gpt-test', apiKey: options.apiKey, maxRetries: 0 });
  return failure(collectChat(engine.chat(question)));
}

describe('HTTP errors become typed, actionable errors', () => {
  it('401 with a key: auth, says to check the key', async () => {
    const error = await errorFor({ kind: 'status', status: 401 }, { apiKey: 'sk-some-key-value' });
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/^The server rejected the API key \(401\)\. Check the API key in Settings\./);
    expect(error.isRetryable).toBe(false);
    expect(error.data).toMatchObject({ status: 401, url: `${server?.url}/chat/completions` });
  });

  it('401 without a key: auth, says to add one', async () => {
    const error = await errorFor({ kind: 'status', status: 401 });
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/requires an API key \(401\)\. Add one in Settings/);
  });

  it('403: auth', async () => {
    const error = await errorFor({ kind: 'status', status: 403, body: { error: { message: 'Project does not have access to model' } } }, { apiKey: 'sk-abcdefgh' });
    expect(error.code).toBe('auth');
    expect(error.message).toContain('(403)');
    expect(error.message).toContain('Project does not have access to model');
  });

  it('404: not-found, names the model and the base URL', async () => {
    const error = await errorFor({ kind: 'status', status: 404, body: { error: { message: 'The model `gpt-test` does not exist' } } });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('"gpt-test"');
    expect(error.message).toContain(server?.url ?? '?');
    expect(error.message).toContain('does not exist');
    expect(error.data).toMatchObject({ status: 404, model: 'gpt-test' });
  });

  it('400 and 422: bad-request with the server message, truncated', async () => {
    const long = `Invalid 'messages[1].content': ${'x'.repeat(2000)}`;
    const error = await errorFor({ kind: 'status', status: 400, body: { error: { message: long, type: 'invalid_request_error' } } });
    expect(error.code).toBe('bad-request');
    expect(error.message).toContain("Invalid 'messages[1].content'");
    expect(error.message.length).toBeLessThan(500);
    const fastapi = await errorFor({ kind: 'status', status: 422, body: { detail: [{ loc: ['body', 'messages'], msg: 'field required' }] } });
    expect(fastapi.code).toBe('bad-request');
    expect(fastapi.message).toContain('field required');
    expect(fastapi.data.status).toBe(422);
  });

  it('reads vLLM-style and plain-text error bodies, and ignores HTML pages', async () => {
    const vllm = await errorFor({ kind: 'status', status: 400, body: { object: 'error', message: "This model's maximum context length is 4096 tokens", type: 'BadRequestError', code: 400 } });
    expect(vllm.message).toContain('maximum context length is 4096');
    const plain = await errorFor({ kind: 'status', status: 502, body: 'upstream connect error' });
    expect(plain.code).toBe('server');
    expect(plain.message).toContain('upstream connect error');
    const html = await errorFor({ kind: 'status', status: 502, body: '<!DOCTYPE html><html><body>Bad gateway</body></html>' });
    expect(html.message).not.toContain('<');
  });

  it('500: server, retryable', async () => {
    const error = await errorFor({ kind: 'status', status: 500 });
    expect(error.code).toBe('server');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('(500)');
  });

  it('rejects bad settings with config errors at creation', () => {
    expect(() => createOpenAICompatibleEngine({ baseUrl: 'not a url', model: 'm' })).toThrowError(expect.objectContaining({ code: 'config' }));
    expect(() => createOpenAICompatibleEngine({ baseUrl: 'http://localhost:1234/v1', model: '  ' })).toThrowError(expect.objectContaining({ code: 'config' }));
    expect(() => createOpenAICompatibleEngine({ baseUrl: 'http://localhost:1234/v1', model: 'm', apiKey: 'sk-ключ' })).toThrowError(
      expect.objectContaining({ code: 'config' }),
    );
  });
});
