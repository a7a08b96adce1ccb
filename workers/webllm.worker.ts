/**
 * The web-llm worker: the only place web-llm's runtime loads. A thin comlink host of
 * `src/llm/worker-protocol` (the same protocol as llm.worker.ts) with the 'webllm' engine kind,
 * which runs web-llm's MLCEngine here, and web-llm's download cache, so that the page asks "is this
 * model downloaded?" here too instead of loading web-llm itself.
 */
// First: the worker's fetch goes through the page's network door before any library loads.
import '../src/net/install-worker-door';
import { createWebLLMEngine, webllmCache, type WebLLMEngineOptions } from '../src/llm/webllm';
import { verifyWebLLMDownloads } from '../src/llm/webllm/verified-downloads';
import { defineEngineKind, exposeLlmWorkerHost } from '../src/llm/worker-protocol/host';

// Hub files are checked against their published hashes before web-llm caches or uses them; its
// `Cache.add` downloads go through this `fetch` too (see src/net/cache-add.ts).
verifyWebLLMDownloads(self);

exposeLlmWorkerHost(
  // Only plain options cross the worker boundary (no `createEngine`): web-llm's own MLCEngine runs here.
  { webllm: defineEngineKind((options: Omit<WebLLMEngineOptions, 'createEngine'>) => createWebLLMEngine(options)) },
  undefined, // this worker's own scope
  { webllm: webllmCache() },
);
