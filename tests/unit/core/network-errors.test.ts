import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import {
  classifyFetchFailure,
  describeIntegrityError,
  describeNetworkError,
  hostOf,
  isFetchFailure,
  networkErrorData,
  networkFailure,
  withDownloadFacts,
  type NetworkErrorSource,
} from '../../../src/core/network-errors';
import { toEmbedLoadError } from '../../../src/embed/errors';
import { guardFetch } from '../../../src/tools/origin-guard';
import { networkError } from '../../../src/llm/openai-compatible/http-errors';
import { loadModel } from '../../../src/llm/transformers/load-model';
import { toWebLLMError } from '../../../src/llm/webllm/errors';
import { integrityError } from '../../../src/llm/transformers/verified-fetch';
import { callError, connectError } from '../../../src/tools/mcp/mcp-errors';

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

describe('isFetchFailure and classifyFetchFailure', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });

  it.each([
    ['Chromium', new TypeError('Failed to fetch')],
    ['Firefox', new TypeError('NetworkError when attempting to fetch resource.')],
    ['Safari', new TypeError('Load failed')],
    ['Node (undici)', refused],
    ['a worker string', 'TypeError: Failed to fetch'],
  ])('recognises the %s spelling of "no answer"', (_browser, thrown) => {
    expect(isFetchFailure(thrown)).toBe(true);
    const classified = classifyFetchFailure(thrown, 'tool', 'https://user:secret@api.example.com:8443/v1/run?key=k', 'weather');
    expect(classified).toMatchObject({ code: 'network', isRetryable: true, data: { source: 'tool', host: 'api.example.com:8443', name: 'weather', reason: 'unreachable' } });
    expect(JSON.stringify(classified)).not.toMatch(/secret|key=k|\/v1/);
    expect(describeNetworkError(classified as TabagentError, 'zh')!.message).toMatch(/工具 weather 无法连接 api\.example\.com:8443/);
  });

  it.each([
    ['an abort', new DOMException('The operation was aborted.', 'AbortError')],
    ['a typed error', new TabagentError('denied', 'Failed to fetch: not allowed')],
    ['another TypeError', new TypeError("Failed to execute 'fetch': invalid header value")],
    ['a programming error', new RangeError('bad')],
  ])('leaves %s as it was', (_kind, thrown) => {
    expect(classifyFetchFailure(thrown, 'engine', 'https://a.example/')).toBe(thrown);
  });

  it('a Node fetch without a cause code is still recognised, and null causes do not throw', () => {
    expect(isFetchFailure(Object.assign(new TypeError('fetch failed'), { cause: null }))).toBe(true);
    expect(isFetchFailure(Object.assign(new TypeError('boom'), { cause: { code: 'ENOTFOUND' } }))).toBe(true);
  });
});

describe('withDownloadFacts', () => {
  const hubFailure = () => networkFailure(networkErrorData('model-hub', 'https://huggingface.co/x/resolve/main/config.json', 'onnx-community/Qwen3-0.6B-ONNX'));

  it('names the model as the person saw it; nothing downloaded stays "nothing was downloaded"', () => {
    const error = withDownloadFacts(hubFailure(), { name: 'Qwen3 0.6B (ONNX)', downloadedBytes: 0 }) as TabagentError;
    expect(error.data).toMatchObject({ source: 'model-hub', host: 'huggingface.co', name: 'Qwen3 0.6B (ONNX)', reason: 'unreachable' });
    expect(error.message).toMatch(/^Could not download Qwen3 0\.6B \(ONNX\): huggingface\.co could not be reached.*Nothing was downloaded/);
  });

  it('a download that broke off says how much had arrived, in both languages', () => {
    const error = withDownloadFacts(hubFailure(), { name: 'Qwen3 0.6B (ONNX)', downloadedBytes: 120 * 1024 * 1024 }) as TabagentError;
    expect(error.data).toMatchObject({ reason: 'interrupted', downloadedBytes: 120 * 1024 * 1024 });
    const en = describeNetworkError(error, 'en')!;
    expect(en.message).toMatch(/^Could not finish downloading Qwen3 0\.6B \(ONNX\): the connection to huggingface\.co was lost/);
    expect(en.message).toMatch(/about 120 MB had been downloaded; the files that finished are kept/);
    expect(en.message).not.toMatch(/Nothing was downloaded/);
    expect(en.actions).toEqual(['retry', 'connect-server']);
    expect(describeNetworkError(error, 'zh')!.message).toMatch(/已下载约 120 MB，已完成的文件会保留/);
  });

  it('leaves other errors, and network errors of other sources, as they were', () => {
    const engine = networkFailure(networkErrorData('engine', 'http://localhost:11434/v1'));
    expect(withDownloadFacts(engine, { name: 'x', downloadedBytes: 5 })).toBe(engine);
    const other = new TabagentError('not-found', 'missing');
    expect(withDownloadFacts(other, { name: 'x' })).toBe(other);
    expect(withDownloadFacts('text', {})).toBe('text');
  });
});

describe('every network path names its source and host', () => {
  it('a tool whose host does not answer (any tool kind: the origin guard)', async () => {
    const guarded = guardFetch(async () => Promise.reject(new TypeError('Failed to fetch')), 'forecast', () => ['https://api.weather.example']);
    const error = (await guarded('https://api.weather.example/v1/today').catch((caught: unknown) => caught)) as TabagentError;
    expect(error).toMatchObject({ code: 'network', data: { source: 'tool', host: 'api.weather.example', name: 'forecast' } });
    // An abort is the person's Stop, not a network failure.
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    const stopped = guardFetch(async () => Promise.reject(abort), 'forecast', () => ['https://api.weather.example']);
    expect(await stopped('https://api.weather.example/').catch((caught: unknown) => caught)).toBe(abort);
  });

  it('an MCP call whose server stops answering', () => {
    const error = callError(new TypeError('Failed to fetch'), 'read_file', 'http://127.0.0.1:3001/mcp');
    expect(error).toMatchObject({ code: 'network', data: { source: 'mcp', host: '127.0.0.1:3001' } });
    expect(callError(new TypeError('Failed to fetch'), 'read_file').code).toBe('tool-failed');
  });

  it('an embedding-model download', () => {
    const error = toEmbedLoadError(new TypeError('Failed to fetch'), { modelId: 'Xenova/all-MiniLM-L6-v2', device: 'wasm', remoteHost: 'https://hf-mirror.example/' });
    expect(error).toMatchObject({ code: 'network', data: { source: 'model-hub', host: 'hf-mirror.example', name: 'Xenova/all-MiniLM-L6-v2' } });
  });

  it('web-llm names the host of the URL it failed on', () => {
    const error = toWebLLMError('TypeError: Failed to fetch https://mirror.example.org/mlc/Qwen3/params_shard_0.bin', 'Qwen3 0.6B');
    expect(error.data).toMatchObject({ source: 'model-hub', host: 'mirror.example.org' });
  });
});
