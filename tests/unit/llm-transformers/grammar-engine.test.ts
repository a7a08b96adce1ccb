/**
 * The transformers.js engine under the agent's tool-call grammar (XGrammar as a logits processor),
 * on random-weight models sampled at temperature 1 (onnxruntime-node CPU). `Math.random`, which
 * transformers.js samples with, is seeded per answer so every run sees the same samples.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as XGrammar from '@mlc-ai/web-xgrammar';
import { collectChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../src/llm/transformers';
import { toolCallGrammar } from '../../../src/core/grammar';
import type { ChatEngine, ChatRequest } from '../../../src/core/types';
import { TabagentError } from '../../../src/core/errors';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';
import { makeTinyGrammarLlm, TINY_GRAMMAR_LLM_ID } from '../../fixtures/make-tiny-grammar-llm';
import { GRAMMAR_TOOLS, judgeTextAnswer, toolRequest, type Verdict } from '../../support/grammar-samples';
import { xgrammar } from '../grammar/support/xgrammar';
import { seededChat } from './support/seeded-chat';

const SEEDS = Array.from({ length: 40 }, (_, index) => index + 1);
const MAX_TOKENS = 128;

/** Counts the XGrammar work done: vocabularies read and grammars compiled. */
function countingXGrammar(): { load: () => Promise<typeof XGrammar>; counts: { tokenizerInfos: number; compiles: number } } {
  const real = xgrammar();
  const counts = { tokenizerInfos: 0, compiles: 0 };
  const TokenizerInfo = {
    createTokenizerInfo: (...args: Parameters<typeof real.TokenizerInfo.createTokenizerInfo>) => {
      counts.tokenizerInfos += 1;
      return real.TokenizerInfo.createTokenizerInfo(...args);
    },
  } as unknown as typeof real.TokenizerInfo;
  const GrammarCompiler = {
    createGrammarCompiler: async (...args: Parameters<typeof real.GrammarCompiler.createGrammarCompiler>) => {
      const compiler = await real.GrammarCompiler.createGrammarCompiler(...args);
      const compileGrammar = compiler.compileGrammar.bind(compiler) as (grammar: string) => Promise<XGrammar.CompiledGrammar>;
      compiler.compileGrammar = ((grammar: string) => {
        counts.compiles += 1;
        return compileGrammar(grammar);
      }) as typeof compiler.compileGrammar;
      return compiler;
    },
  } as unknown as typeof real.GrammarCompiler;
  return { load: async () => ({ ...real, TokenizerInfo, GrammarCompiler }), counts };
}

function engineFor(modelId: string, load: () => Promise<typeof XGrammar>): ChatEngine {
  return createTransformersEngine({ modelId, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR }, { loadXGrammar: load });
}

/** One answer with transformers.js's sampler seeded (its own generator, see seeded-chat.ts). */
async function sampleWithSeed(engine: ChatEngine, request: ChatRequest, seed: number): Promise<{ text: string; verdict: Verdict }> {
  const answer = await seededChat(engine, request, seed);
  // An answer cut at the token limit may end in an unfinished call (no grammar can prevent the
  // cut; the engine leaves it as text): judged up to that call's opener.
  return { text: answer.text, verdict: judgeTextAnswer(answer) };
}

describe('transformers engine with the tool-call grammar (Node, CPU)', () => {
  let engine: ChatEngine;
  const xg = countingXGrammar();

  beforeAll(async () => {
    makeTinyGrammarLlm();
    engine = engineFor(TINY_GRAMMAR_LLM_ID, xg.load);
    await engine.load();
  });
  afterAll(() => engine.unload());
  afterEach(() => vi.restoreAllMocks());

  it('says it constrains decoding, so the agent sends it the grammar', () => {
    expect(engine.capabilities.constrainedOutput).toBe('grammar');
  });

  it('with the grammar, every sampled answer is text or well-formed calls to offered tools with schema-valid arguments', async () => {
    const verdicts: Verdict[] = [];
    for (const seed of SEEDS) {
      const { text, verdict } = await sampleWithSeed(engine, toolRequest({ grammar: true, maxTokens: MAX_TOKENS }), seed);
      expect(verdict.kind, `seed ${seed}: ${text}`).not.toBe('broken');
      verdicts.push(verdict);
    }
    // Both branches of the grammar were taken: the model did start calls, and they came out whole.
    expect(verdicts.filter((verdict) => verdict.kind === 'calls').length).toBeGreaterThanOrEqual(2);
    expect(verdicts.filter((verdict) => verdict.kind === 'text').length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('without the grammar, the same model and seeds write broken calls', async () => {
    const broken: string[] = [];
    for (const seed of SEEDS) {
      const { text, verdict } = await sampleWithSeed(engine, toolRequest({ grammar: false, maxTokens: MAX_TOKENS }), seed);
      if (verdict.kind === 'broken') broken.push(text);
    }
    expect(broken.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('reads the vocabulary once per model and compiles each grammar once', async () => {
    const before = { ...xg.counts };
    const other = toolCallGrammar(GRAMMAR_TOOLS.slice(0, 1), { format: 'hermes', allowText: true });
    await sampleWithSeed(engine, toolRequest({ grammar: true, maxTokens: 8 }), 1);
    await sampleWithSeed(engine, toolRequest({ grammar: true, maxTokens: 8 }), 2);
    await sampleWithSeed(engine, { ...toolRequest({ grammar: true, maxTokens: 8 }), responseFormat: { type: 'grammar', grammar: other } }, 3);
    expect(xg.counts.tokenizerInfos).toBe(1);
    // The three tools' grammar was compiled by the earlier tests already; only the new one is compiled now.
    expect(xg.counts.compiles - before.compiles).toBe(1);
  }, 60_000);

  it('constrains to a JSON schema too', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false };
    for (const seed of [1, 2, 3]) {
      const { text } = await sampleWithSeed(engine, { ...toolRequest({ grammar: false, maxTokens: 64 }), stop: [], responseFormat: { type: 'json-schema', schema } }, seed);
      expect(JSON.parse(text)).toEqual({ ok: expect.any(Boolean) });
    }
  }, 60_000);

  it('refuses a grammar XGrammar cannot compile with a typed error, and still answers afterwards', async () => {
    const failure = await collectChat(engine.chat({ ...toolRequest({ grammar: false, maxTokens: 8 }), responseFormat: { type: 'grammar', grammar: 'root ::= (' } })).catch(
      (error: unknown) => error,
    );
    expect(TabagentError.is(failure) && failure.code).toBe('bad-request');
    // A grammar not compiled before: XGrammar itself still works after the failure.
    const fresh = toolCallGrammar(GRAMMAR_TOOLS.slice(1), { format: 'hermes', allowText: true });
    const answer = await collectChat(engine.chat({ ...toolRequest({ grammar: false, maxTokens: 16 }), responseFormat: { type: 'grammar', grammar: fresh } }));
    expect(judgeTextAnswer(answer).kind, answer.text).not.toBe('broken');
  }, 60_000);
});

describe('abort while decoding under a grammar', () => {
  let engine: ChatEngine;

  beforeAll(async () => {
    // The plain fixture never writes an end-of-turn token, so a constrained answer runs to its limit.
    makeTinyLlm();
    engine = engineFor(TINY_LLM_ID, async () => xgrammar());
    await engine.load();
  });
  afterAll(() => engine.unload());

  it('stops at once with an aborted error, and the next constrained request works', async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const failure = await collectChat(engine.chat(toolRequest({ grammar: true, maxTokens: 400 }), controller.signal), (chunk) => {
      if (chunk.type !== 'text-delta') return;
      deltas.push(chunk.text);
      if (deltas.length === 3) controller.abort();
    }).catch((error: unknown) => error);
    expect(TabagentError.is(failure) && failure.code).toBe('aborted');
    expect(deltas).toHaveLength(3);
    const next = await collectChat(engine.chat(toolRequest({ grammar: true, maxTokens: 20 })));
    expect(next.usage?.completionTokens).toBe(20);
    expect(judgeTextAnswer(next).kind, next.text).not.toBe('broken');
  }, 60_000);
});
