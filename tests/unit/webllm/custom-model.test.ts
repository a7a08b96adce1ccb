import { describe, expect, it } from 'vitest';
import { toWebLLMError } from '../../../src/llm/webllm';
import { parseCustomModel } from '../../../src/ui/models/custom-model';
import { modelUrlLocation } from '../../../src/app/models/model-url-location';
import { formatTimeLeft, loadView } from '../../../src/ui/models/load-estimate';

const origin = 'https://tabagent.example';

describe('parseCustomModel', () => {
  it('reads hub ids as transformers.js and bare ids as web-llm', () => {
    expect(parseCustomModel(' onnx-community/Qwen3-0.6B-ONNX ', 'wasm')).toEqual({
      ok: true,
      choice: { engine: 'transformers', modelId: 'onnx-community/Qwen3-0.6B-ONNX', device: 'wasm' },
    });
    expect(parseCustomModel('Qwen3-4B-q4f32_1-MLC', 'webgpu')).toEqual({ ok: true, choice: { engine: 'webllm', modelId: 'Qwen3-4B-q4f32_1-MLC' } });
  });

  it('reads a URL as a transformers.js model folder, on any origin', () => {
    expect(parseCustomModel(`${origin}/models/tiny`, 'webgpu')).toEqual({
      ok: true,
      choice: { engine: 'transformers', modelId: '', device: 'webgpu', customModelUrl: `${origin}/models/tiny/` },
    });
    expect(parseCustomModel('http://localhost:5173/m/x/', 'wasm')).toMatchObject({ ok: true });
    expect(parseCustomModel('https://other.example/m/tiny/', 'wasm')).toMatchObject({ ok: true });
  });

  it('rejects what cannot work, saying why', () => {
    const message = (text: string): string => {
      const result = parseCustomModel(text, 'wasm');
      return result.ok ? '' : result.message;
    };
    expect(message('')).toMatch(/Enter a model id/);
    expect(message('http://example.com/m')).toMatch(/https/);
    expect(message('ftp://example.com/m')).toMatch(/https/);
    expect(message('https://example.com/')).toMatch(/model folder/);
    expect(message('https://example.com/m?x=1')).toMatch(/without \?/);
    expect(message('a/b/c')).toMatch(/owner\/name/);
    expect(message('has space')).toMatch(/owner\/name/);
  });

  it('maps a folder URL to a local path on this origin and a hub-style remote elsewhere', () => {
    expect(modelUrlLocation(`${origin}/models/tiny/`, origin)).toEqual({ localModelPath: '/models/', modelId: 'tiny', allowRemote: false });
    expect(modelUrlLocation(`${origin}/tiny`, origin)).toEqual({ localModelPath: '/', modelId: 'tiny', allowRemote: false });
    expect(modelUrlLocation('https://cdn.example/a/b/tiny/', origin)).toEqual({
      modelId: 'tiny',
      remoteHost: 'https://cdn.example/',
      remotePathTemplate: 'a/b/{model}/',
      allowRemote: true,
    });
  });
});

describe('loadView', () => {
  const MB = 1024 * 1024;
  it('shows MB done of total and the time left from the average rate', () => {
    expect(loadView({ progress: 0.25, text: 't', loadedBytes: 100 * MB, totalBytes: 400 * MB }, 10)).toEqual({
      percent: 25,
      text: 't',
      doneMB: 100,
      totalMB: 400,
      secondsLeft: 30,
    });
  });

  it('says nothing about time left before there is a rate to go by', () => {
    expect(loadView({ progress: 0.005, text: 't' }, 10).secondsLeft).toBeUndefined();
    expect(loadView({ progress: 0.5, text: 't' }, 0.5).secondsLeft).toBeUndefined();
    expect(loadView({ progress: 1, text: 't' }, 20).secondsLeft).toBeUndefined();
  });

  it('formats time left', () => {
    expect(formatTimeLeft(40)).toBe('about 40 s left');
    expect(formatTimeLeft(600)).toBe('about 10 min left');
  });
});

describe('toWebLLMError', () => {
  it('recognises a web page served instead of model files', () => {
    const error = toWebLLMError(`SyntaxError: Unexpected token '<', "<!doctype "... is not valid JSON`, 'm');
    expect([error.code, error.data.reason]).toEqual(['not-found', 'not-model-files']);
  });

  it('reads an unload during reload as aborted, and keeps unknown errors as internal with detail', () => {
    expect(toWebLLMError('Error: Engine.unload() is called.').code).toBe('aborted');
    const unknown = toWebLLMError(new Error('something odd'));
    expect(unknown.code).toBe('internal');
    expect(unknown.data.detail).toBe('something odd');
  });
});
