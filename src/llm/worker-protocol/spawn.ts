/** Starts the shared LLM worker (workers/llm.worker.ts) as a module worker bundled by Vite. */
import { connectWorkerToDoor } from '../../net/worker-link';

/** Creates a new LLM worker. Vite recognises this `new Worker(new URL(…))` form and bundles the file. */
export function spawnLlmWorker(): Worker {
  const worker = new Worker(new URL('../../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'tabagent-llm' });
  // Its model downloads go through the page's network door.
  connectWorkerToDoor(worker, 'llm worker');
  return worker;
}
