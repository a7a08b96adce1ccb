/** Starts a Python sandbox worker. Vite recognises this `new Worker(new URL(…))` form and bundles the file. */
export function spawnPythonWorker(): Worker {
  return new Worker(new URL('../../../../workers/python.worker.ts', import.meta.url), { type: 'module', name: 'tabagent-python' });
}
