/** Starts the shared LLM worker (workers/llm.worker.ts) as a module worker bundled by Vite. */

/** Creates a new LLM worker. Vite recognises this `new Worker(new URL(…))` form and bundles the file. */
export function spawnLlmWorker(): Worker {
  return new Worker(new URL('../../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'tabagent-llm' });
}
