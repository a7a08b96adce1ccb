/**
 * The local-LLM worker: a thin comlink host. The engine kind and its options arrive with load(),
 * so one worker file serves every local engine; register a kind here to make it available.
 */
// First: the worker's fetch goes through the page's network door before any library loads.
import '../src/net/install-worker-door';
import { createTransformersEngine } from '../src/llm/transformers';
import { defineEngineKind, exposeLlmWorkerHost } from '../src/llm/worker-protocol/host';

exposeLlmWorkerHost({
  transformers: defineEngineKind(createTransformersEngine),
});
