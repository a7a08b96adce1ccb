import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { providerPresets, resolveEndpoints } from '../../../src/llm';

const normalizeBaseUrl = (raw: string): string => resolveEndpoints(raw).baseUrl;
import { describeUrl } from '../../../src/llm/openai-compatible/base-url';

const providers: Array<[string, string]> = [
  ['OpenAI', 'https://api.openai.com/v1'],
  ['vLLM', 'http://gpu-box:8000/v1'],
  ['Ollama', 'http://localhost:11434/v1'],
  ['LM Studio', 'http://localhost:1234/v1'],
  ['OpenRouter', 'https://openrouter.ai/api/v1'],
  ['DashScope', 'https://dashscope.aliyuncs.com/compatible-mode/v1'],
];

function configError(run: () => unknown): TabagentError {
  try {
    run();
  } catch (error) {
    if (TabagentError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a config error');
}

describe('base URL normalisation', () => {
  it.each(providers)('%s: every way of typing it reaches the same endpoint', (_name, base) => {
    const expected = `${base}/chat/completions`;
    for (const typed of [base, `${base}/`, `${base}///`, `  ${base}  `, `\t${base}/\n`, `${base}/chat/completions`, `${base}/chat/completions/`]) {
      const endpoints = resolveEndpoints(typed);
      expect(endpoints.chatCompletionsUrl).toBe(expected);
      expect(endpoints.baseUrl).toBe(base);
      expect(endpoints.modelsUrl).toBe(`${base}/models`);
      expect(normalizeBaseUrl(typed)).toBe(base);
    }
  });

  it('keeps a gateway query string on the endpoints', () => {
    expect(resolveEndpoints('https://gw.example.com/openai/v1/?api-version=2024-10-21').chatCompletionsUrl).toBe(
      'https://gw.example.com/openai/v1/chat/completions?api-version=2024-10-21',
    );
  });

  it('lower-cases the host and keeps a root URL without a path', () => {
    expect(normalizeBaseUrl('HTTP://LocalHost:8080/')).toBe('http://localhost:8080');
    expect(resolveEndpoints('http://localhost:8080').chatCompletionsUrl).toBe('http://localhost:8080/chat/completions');
  });

  it('explains what is wrong with an unusable URL', () => {
    expect(configError(() => resolveEndpoints('   ')).message).toMatch(/Enter the server's base URL/);
    const noScheme = configError(() => resolveEndpoints('localhost:11434/v1'));
    expect(noScheme.code).toBe('config');
    expect(noScheme.message).toMatch(/http:\/\/ or https:\/\//);
    expect(noScheme.message).toContain('Did you mean http://localhost:11434/v1?');
    expect(configError(() => resolveEndpoints('ftp://example.com/v1')).code).toBe('config');
    expect(configError(() => resolveEndpoints('https://')).code).toBe('config');
    expect(configError(() => resolveEndpoints('https://user:secret@example.com/v1')).message).not.toContain('secret');
  });

  it('describes URLs without credentials or query strings', () => {
    expect(describeUrl('https://example.com/v1/chat/completions?key=abc')).toBe('https://example.com/v1/chat/completions');
  });
});

describe('provider presets', () => {
  it('cover the six known servers, with unique ids, and their URLs are already normal', () => {
    expect(providerPresets.map((preset) => preset.id)).toEqual(['openai', 'openrouter', 'dashscope', 'vllm', 'ollama', 'lm-studio']);
    for (const preset of providerPresets) {
      expect(normalizeBaseUrl(preset.baseUrl)).toBe(preset.baseUrl);
      expect(preset.label).not.toBe('');
      expect(preset.exampleModel).not.toBe('');
    }
    const local = providerPresets.filter((preset) => !preset.needsKey).map((preset) => preset.id);
    expect(local).toEqual(['vllm', 'ollama', 'lm-studio']);
  });
});
