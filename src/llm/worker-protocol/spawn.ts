/** Starts the shared LLM worker (workers/llm.worker.ts) as a module worker bundled by Vite. */
import { connectWorkerToDoor } from '../../net/worker-link';

/** Creates a new LLM worker. Vite recognises this `new Worker(new URL(…))` form and bundles the file. */
export function spawnLlmWorker(): Worker {
  const worker = new Worker(new URL('../../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'tabagent-llm' });
  // Its model downloads go through the page's network door.
  connectWorkerToDoor(worker, 'llm worker');
  return worker;
}

/**
 * Creates a web-llm worker (workers/webllm.worker.ts): the only place web-llm's runtime loads. It
 * hosts the 'webllm' engine kind and answers web-llm's cache questions over the same protocol.
 */
export function spawnWebLLMWorker(): Worker {
  const worker = new Worker(new URL('../../../workers/webllm.worker.ts', import.meta.url), { type: 'module', name: 'tabagent-webllm' });
  connectWorkerToDoor(worker, 'web-llm worker');
  return worker;
}
