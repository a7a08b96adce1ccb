/**
 * The agent loop sends its tool-call grammar to the transformers.js engine behind the worker
 * protocol (a real MessageChannel and host): the worker engine learns its capabilities on load,
 * and the agent reads them after loading it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { random } from '@huggingface/transformers';
import { expose, type Endpoint } from 'comlink';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { ChatEngine, ChatRequest } from '../../../src/core/types';
import { createTransformersEngine, type TransformersEngineOptions } from '../../../src/llm/transformers';
import { createLlmWorkerHost, createWorkerEngine, defineEngineKind, registerErrorTransfer } from '../../../src/llm/worker-protocol';
import { GENERATED_MODELS_DIR } from '../../fixtures/make-tiny-llm';
import { makeTinyGrammarLlm, TINY_GRAMMAR_LLM_ID } from '../../fixtures/make-tiny-grammar-llm';
import { createFakeToolRunner } from '../../support/fake-tool-runner';
import { GRAMMAR_TOOLS } from '../../support/grammar-samples';
import { xgrammar } from '../grammar/support/xgrammar';

const channel = new MessageChannel();
afterAll(() => {
  channel.port1.close();
  channel.port2.close();
});

/** Records each request on its way to `engine`, keeping its live identity and capabilities. */
function recording(engine: ChatEngine): ChatEngine & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    requests,
    get id() {
      return engine.id;
    },
    get capabilities() {
      return engine.capabilities;
    },
    load: (onProgress, signal) => engine.load(onProgress, signal),
    unload: () => engine.unload(),
    chat(request, signal) {
      requests.push(request);
      return engine.chat(request, signal);
    },
  };
}

describe('agent → worker → transformers.js with the grammar', () => {
  it('sends the Hermes tool grammar once the worker engine is loaded, and every call it runs is to an offered tool', async () => {
    makeTinyGrammarLlm();
    registerErrorTransfer();
    const create = (options: TransformersEngineOptions): ChatEngine => createTransformersEngine(options, { loadXGrammar: async () => xgrammar() });
    expose(createLlmWorkerHost({ transformers: defineEngineKind(create) }), channel.port1 as unknown as Endpoint);
    const options: TransformersEngineOptions = { modelId: TINY_GRAMMAR_LLM_ID, device: 'wasm', dtype: 'fp32', localModelPath: GENERATED_MODELS_DIR };
    const worker = createWorkerEngine(channel.port2 as unknown as Endpoint, { kind: 'transformers', engineOptions: options });
    // Before load the proxy cannot know; the agent loads the engine before it reads them.
    expect(worker.capabilities.constrainedOutput).toBe('none');
    const engine = recording(worker);
    const tools = GRAMMAR_TOOLS.slice(1, 2);
    const runner = createFakeToolRunner(tools.map((definition) => ({ definition, run: async () => ({ sum: 3 }) })));
    // transformers.js samples from its own generator (not Math.random): seeded, the run is the same every time.
    random.seed(7);
    const events: AgentEvent[] = [];
    try {
      for await (const event of runAgent({ engine, tools: runner, messages: [{ role: 'user', content: 'Add 1 and 2.' }], toolMode: 'hermes', temperature: 1, maxTokens: 64, maxSteps: 3 })) {
        events.push(event);
      }
    } finally {
      await engine.unload();
    }
    expect(engine.capabilities.constrainedOutput).toBe('grammar');
    expect(engine.requests.length).toBeGreaterThan(0);
    for (const request of engine.requests) {
      expect(request.responseFormat?.type).toBe('grammar');
      expect(request.responseFormat?.type === 'grammar' && request.responseFormat.grammar).toContain('"\\"add\\""');
    }
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    expect(runner.runs.every((call) => call.name === 'add')).toBe(true);
  }, 120_000);
});
