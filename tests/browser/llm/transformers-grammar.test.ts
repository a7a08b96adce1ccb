/**
 * The tool-call grammar on transformers.js in Chromium: XGrammar comes from our own bundle (its
 * WASM is inlined; no request leaves the origin), on the page and inside the LLM worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { random } from '@huggingface/transformers';
import { wrap } from 'comlink';
import { collectChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine, type TransformersEngineOptions } from '../../../src/llm/transformers';
import { createWorkerEngine } from '../../../src/llm/worker-protocol';
import type { ChatEngine } from '../../../src/core/types';
import { judgeNativeAnswer, judgeTextAnswer, nativeToolRequest, toolRequest, type Verdict } from '../../support/grammar-samples';
import type { LlmTestProbes } from './llm-test.worker';
import { FIXTURE_MODELS_URL } from './worker-support';

const options: TransformersEngineOptions = { modelId: 'tiny-grammar-llm', device: 'wasm', dtype: 'fp32', localModelPath: FIXTURE_MODELS_URL };

function offOrigin(urls: readonly string[]): string[] {
  return urls.filter((url) => new URL(url).origin !== location.origin);
}

describe('transformers engine with the grammar on the page (wasm)', () => {
  const engine = createTransformersEngine(options);
  beforeAll(() => engine.load(), 120_000);
  afterAll(() => engine.unload());

  it('samples at temperature 1 only text or schema-valid calls, and loads XGrammar from our origin', async () => {
    const verdicts: Verdict[] = [];
    for (let seed = 1; seed <= 24; seed += 1) {
      random.seed(seed);
      const answer = await collectChat(engine.chat(toolRequest({ grammar: true, maxTokens: 128 })));
      // Cut at the token limit, an unfinished call stays text: judged up to its opener.
      const verdict = judgeTextAnswer(answer);
      expect(verdict.kind, `seed ${seed}: ${answer.text}`).not.toBe('broken');
      verdicts.push(verdict);
    }
    expect(verdicts.some((verdict) => verdict.kind === 'calls')).toBe(true);
    expect(offOrigin(performance.getEntriesByType('resource').map((entry) => entry.name))).toEqual([]);
  }, 120_000);
});

describe('transformers engine with the grammar in the worker (wasm)', () => {
  let worker: Worker | undefined;
  let engine: ChatEngine | undefined;
  afterAll(() => worker?.terminate());

  it('reports grammar once loaded and decodes under a JSON schema there', async () => {
    worker = new Worker(new URL('./llm-test.worker.ts', import.meta.url), { type: 'module' });
    engine = createWorkerEngine(worker, { kind: 'transformers', engineOptions: options });
    await engine.load();
    expect(engine.capabilities.constrainedOutput).toBe('grammar');
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await collectChat(engine.chat({ messages: [{ role: 'user', content: 'ok?' }], temperature: 1, maxTokens: 200, responseFormat: { type: 'json-schema', schema } }));
      expect(JSON.parse(answer.text)).toEqual({ ok: expect.any(Boolean) });
    }
    const urls = await wrap<LlmTestProbes>(worker).resourceUrls();
    expect(offOrigin(urls)).toEqual([]);
  }, 120_000);
});

describe('transformers engine on a Hermes tool template: the grammar it builds itself (wasm)', () => {
  const engine = createTransformersEngine({ ...options, modelId: 'tiny-hermes-tool-llm' });
  beforeAll(() => engine.load(), 120_000);
  afterAll(() => engine.unload());

  it('takes the template path, reports grammar, and samples at temperature 1 only text or schema-valid calls', async () => {
    expect(engine.capabilities.nativeToolCalls).toBe(true);
    expect(engine.capabilities.constrainedOutput).toBe('grammar');
    const verdicts: Verdict[] = [];
    for (let seed = 1; seed <= 30; seed += 1) {
      random.seed(seed);
      const answer = await collectChat(engine.chat(nativeToolRequest({ maxTokens: 128, thinking: seed % 2 === 0 })));
      const verdict = judgeNativeAnswer(answer);
      expect(verdict.kind, `seed ${seed}: ${JSON.stringify(answer)}`).not.toBe('broken');
      verdicts.push(verdict);
    }
    expect(verdicts.filter((verdict) => verdict.kind === 'calls').length).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
