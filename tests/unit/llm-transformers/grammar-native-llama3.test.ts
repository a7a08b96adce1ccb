/**
 * The tool-call grammar on the model's own template path for Llama 3.x: a template that takes
 * `tools` and asks for `{"name": …, "parameters": …}` (tiny-llama3-tool-llm, random weights biased
 * towards `{"name"`) gets the Llama 3 grammar from the engine. Sampled at temperature 1 with
 * `Math.random` seeded per answer (onnxruntime-node CPU), every answer is text or well-formed calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLAMA3_CALL_OPENERS } from '../../../src/core/grammar';
import type { ChatEngine, ChatRequest } from '../../../src/core/types';
import { makeTinyLlama3ToolLlm, TINY_LLAMA3_TOOL_LLM_ID } from '../../fixtures/make-tiny-grammar-llm';
import { judgeNativeAnswer, nativeToolRequest } from '../../support/grammar-samples';
import { fixtureEngine, seededChat } from './support/seeded-chat';

const SEEDS = Array.from({ length: 30 }, (_, index) => index + 1);
const MAX_TOKENS = 128;

describe('transformers engine on a Llama 3 tool template, with the grammar it builds (Node, CPU)', () => {
  let engine: ChatEngine;

  beforeAll(async () => {
    makeTinyLlama3ToolLlm();
    engine = fixtureEngine(TINY_LLAMA3_TOOL_LLM_ID);
    await engine.load();
  });
  afterAll(() => engine.unload());

  it('takes the template path and says it constrains decoding', () => {
    expect(engine.capabilities.nativeToolCalls).toBe(true);
    expect(engine.capabilities.constrainedOutput).toBe('grammar');
  });

  it('unconstrained (tools not offered, so no grammar), the same model writes broken calls', async () => {
    const request: ChatRequest = { ...nativeToolRequest({ maxTokens: MAX_TOKENS }), toolChoice: 'none' };
    let broken = 0;
    for (const seed of SEEDS) {
      const answer = await seededChat(engine, request, seed);
      if (LLAMA3_CALL_OPENERS.some((opener) => answer.text.includes(opener))) broken += 1;
    }
    expect(broken).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('every answer is text or calls to offered tools with schema-valid arguments', async () => {
    const kinds: string[] = [];
    for (const seed of SEEDS) {
      const answer = await seededChat(engine, nativeToolRequest({ maxTokens: MAX_TOKENS }), seed);
      const verdict = judgeNativeAnswer(answer, undefined, LLAMA3_CALL_OPENERS);
      expect(verdict.kind, `seed ${seed}: ${JSON.stringify({ text: answer.text, calls: answer.toolCalls })}`).not.toBe('broken');
      kinds.push(verdict.kind);
    }
    expect(kinds.filter((kind) => kind === 'calls').length).toBeGreaterThanOrEqual(2);
    expect(kinds.filter((kind) => kind === 'text').length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
