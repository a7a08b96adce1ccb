/**
 * Hosts web-llm's engine in a worker, speaking web-llm's own message protocol (its main-thread
 * side is `WebWorkerMLCEngine`, used by `src/llm/webllm/engine.ts`). Thin by design: all mapping
 * to Tabagent's types happens on the main thread.
 */
// First: the worker's fetch goes through the page's network door before any library loads.
import '../src/net/install-worker-door';
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';
import { verifyWebLLMDownloads } from '../src/llm/webllm/verified-downloads';

// Hub files are checked against their published hashes before web-llm caches or uses them; its
// `Cache.add` downloads go through this `fetch` too (see src/net/cache-add.ts).
verifyWebLLMDownloads(self);

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (event: MessageEvent): void => {
  handler.onmessage(event);
};
