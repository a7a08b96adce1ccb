/** Starts a sandbox worker. Vite recognises this `new Worker(new URL(…))` form and bundles the file. */
export function spawnSandboxWorker(): Worker {
  return new Worker(new URL('../../../workers/sandbox.worker.ts', import.meta.url), { type: 'module', name: 'tabagent-sandbox' });
}
