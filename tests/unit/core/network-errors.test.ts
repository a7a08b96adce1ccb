import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { describeIntegrityError, describeNetworkError, hostOf, networkErrorData, networkFailure, type NetworkErrorSource } from '../../../src/core/network-errors';
import { networkError } from '../../../src/llm/openai-compatible/http-errors';
import { loadModel } from '../../../src/llm/transformers/load-model';
import { toWebLLMError } from '../../../src/llm/webllm/errors';
import { integrityError } from '../../../src/llm/transformers/verified-fetch';
import { connectError } from '../../../src/tools/mcp/mcp-errors';

describe('describeNetworkError', () => {
  it.each(['engine', 'tool', 'mcp', 'model-hub'] as NetworkErrorSource[])('names the host and what to do for %s, in English and Chinese', (source) => {
    const error = networkFailure(networkErrorData(source, 'https://user:pw@api.example.com:8443/v1/x?q=1', 'thing'));
    expect(error.code).toBe('network');
    expect(error.data).toMatchObject({ source, host: 'api.example.com:8443' });
    for (const language of ['en', 'zh'] as const) {
      const described = describeNetworkError(error, language)!;
      expect(described.message).toContain('api.example.com:8443');
      expect(described.message).not.toMatch(/pw|\/v1|q=1|Failed to fetch/);
      expect(described.actions).toContain('retry');
    }
    expect(describeNetworkError(error, 'zh')!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('tells a failed model download that nothing was downloaded and offers connecting a server', () => {
    const error = toWebLLMError(new TypeError('Failed to fetch'), 'Qwen3 0.6B');
    expect(error).toMatchObject({ code: 'network', isRetryable: true, data: { source: 'model-hub', host: 'huggingface.co', reason: 'download', modelId: 'Qwen3 0.6B' } });
    expect(error.message).toBe(describeNetworkError(error, 'en')!.message);
    expect(error.message).toMatch(/^Could not download Qwen3 0\.6B: huggingface\.co could not be reached .*Nothing was downloaded.*connect a model server instead\.$/);
    expect(describeNetworkError(error, 'zh')!.message).toMatch(/没有下载任何内容/);
    expect(describeNetworkError(error)!.actions).toEqual(['retry', 'connect-server']);
  });

  it('is undefined for other errors and for network errors without a host', () => {
    expect(describeNetworkError(new TabagentError('auth', 'x', { data: { source: 'engine', host: 'a' } }))).toBeUndefined();
    expect(describeNetworkError(new TabagentError('network', 'x'))).toBeUndefined();
    expect(describeNetworkError(new TabagentError('network', 'x', { data: { source: 'elsewhere', host: 'a' } }))).toBeUndefined();
  });

  it('engine and MCP failures carry the source and host', () => {
    const engine = networkError(new TypeError('Failed to fetch'), { baseUrl: 'http://localhost:11434/v1', url: 'http://localhost:11434/v1/chat/completions', model: 'm', secrets: [] } as never, 1);
    expect(describeNetworkError(engine, 'en')!.message).toMatch(/^Could not reach the model server localhost:11434/);
    const mcp = connectError(new TypeError('Failed to fetch'), 'https://mcp.example.com/sse');
    expect(describeNetworkError(mcp, 'zh')!.message).toContain('mcp.example.com');
  });

  it('a transformers.js download that gets no answer names the host it tried', async () => {
    // Nothing listens on port 9 of this machine: fetch fails as it does behind a firewall.
    const error = (await loadModel({ modelId: 'org/missing', device: 'wasm', remoteHost: 'http://127.0.0.1:9/', allowRemote: true, useBrowserCache: false }).then(
      () => undefined,
      (caught: unknown) => caught,
    )) as TabagentError;
    expect(error).toMatchObject({ code: 'network', data: { source: 'model-hub', host: '127.0.0.1:9', name: 'org/missing' } });
    expect(error.message).toMatch(/Nothing was downloaded/);
  });

  it('hostOf keeps only the host', () => {
    expect(hostOf('https://a.example/x')).toBe('a.example');
    expect(hostOf('not a url')).toBe('not a url');
  });

  it('describes a tampered model file in both languages', () => {
    const error = integrityError('https://huggingface.co/x/resolve/main/onnx/model.onnx', 'onnx/model.onnx', 'a'.repeat(64), 'b'.repeat(64));
    expect(error.code).toBe('integrity');
    expect(describeIntegrityError(error, 'en')!.message).toBe(error.message);
    expect(describeIntegrityError(error, 'zh')!.message).toMatch(/onnx\/model\.onnx.*huggingface\.co|huggingface\.co.*onnx\/model\.onnx/);
    expect(describeIntegrityError(new TabagentError('network', 'x'))).toBeUndefined();
    // web-llm's own check (SRI hashes in a model record's `integrity`) arrives as the same error.
    const webllm = toWebLLMError('IntegrityError: Integrity verification failed for https://huggingface.co/m/resolve/main/tokenizer.json\n  Expected: sha256-a\n  Actual: sha256-b', 'm');
    expect(webllm).toMatchObject({ code: 'integrity', data: { host: 'huggingface.co', file: 'tokenizer.json' } });
    expect(describeIntegrityError(webllm, 'zh')!.message).toContain('tokenizer.json');
  });
});
