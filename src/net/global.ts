import { routeCacheAddThroughFetch } from './cache-add';
import type { NetworkDoor } from './door';
import type { NetworkLedger, NetworkPolicy } from './types';

/** The door installed in this page, with what a worker's door needs to consult it. */
export interface InstalledDoor {
  door: NetworkDoor;
  policy: NetworkPolicy;
  ledger: NetworkLedger;
}

let installed: InstalledDoor | undefined;

/** The door `installNetworkDoor` put in place in this context, if any. */
export function installedDoor(): InstalledDoor | undefined {
  return installed;
}

/**
 * Makes the door this context's global `fetch` (and routes `Cache.add` through it), so libraries
 * that call `fetch` themselves (transformers.js, web-llm, the MCP SDK) go through it as well.
 * Returns the function that puts everything back (tests).
 */
export function installNetworkDoor(target: InstalledDoor): () => void {
  const previous = globalThis.fetch;
  globalThis.fetch = target.door.fetch;
  const restoreCache = routeCacheAddThroughFetch();
  installed = target;
  return () => {
    if (globalThis.fetch === target.door.fetch) globalThis.fetch = previous;
    restoreCache();
    if (installed === target) installed = undefined;
  };
}
