/** The worker side of run_python: loads Pyodide once, locks the worker down, then runs requests one at a time. */
import { expose, type Endpoint } from 'comlink';
import { lockDownGlobals } from '../lock-down';
import type { SandboxWorkerApi } from '../worker-api';
import { loadSandboxPyodide } from './load-pyodide';
import { createPythonHost } from './python-host';

/**
 * Loads Pyodide from `indexURL` (served by our own build), then removes the worker's network and
 * storage globals (Python code can reach the worker's JavaScript through `pyodide.code.run_js`, so
 * this is the barrier, not the empty `js` module) and answers requests. Loading is the only time
 * the worker needs the network: the whole standard library comes in one zip.
 */
export function exposePythonWorkerHost(indexURL: string, scope: Endpoint = self as unknown as Endpoint): void {
  const host = loadSandboxPyodide(indexURL).then((pyodide) => {
    lockDownGlobals(scope);
    return createPythonHost(pyodide);
  });
  const api: SandboxWorkerApi = {
    ready: async () => {
      await host;
    },
    run: async (request) => (await host).run(request),
  };
  expose(api, scope);
}
