/** The worker side of the sandbox: compiles QuickJS once, then runs requests one at a time. */
import { expose, type Endpoint } from 'comlink';
import { compileQuickJsFromUrl } from './load-quickjs';
import { lockDownGlobals } from './lock-down';
import { QuickJsHost } from './quickjs-host';
import type { SandboxWorkerApi } from './worker-api';

/**
 * Compiles QuickJS from `wasmUrl` (served by our own build), then removes the worker's network
 * and storage globals and answers requests. Each run instantiates the compiled module afresh,
 * which needs no network.
 */
export function exposeSandboxWorkerHost(wasmUrl: string, scope: Endpoint = self as unknown as Endpoint): void {
  const host = new QuickJsHost(() => compileQuickJsFromUrl(wasmUrl));
  const ready = host.ready().then(() => {
    lockDownGlobals(scope);
  });
  const api: SandboxWorkerApi = {
    ready: () => ready,
    run: async (request) => {
      await ready;
      return host.run(request);
    },
  };
  expose(api, scope);
}
