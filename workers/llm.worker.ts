/**
 * The transformers.js worker: a thin comlink host. The engine kind and its options arrive with load();
 * web-llm runs in its own worker (webllm.worker.ts), behind the same protocol, not here.
 */
// First: the worker's fetch goes through the page's network door before any library loads.
import '../src/net/install-worker-door';
import { createTransformersEngine } from '../src/llm/transformers';
import { defineEngineKind, exposeLlmWorkerHost } from '../src/llm/worker-protocol/host';

exposeLlmWorkerHost({
  transformers: defineEngineKind(createTransformersEngine),
});
