/**
 * Globals a worker has that could reach the network, storage or other contexts. QuickJS code
 * cannot see the worker's globals at all; removing them as well means that even a bug in the
 * interpreter that let code call into the worker would find nothing to call.
 */
export const WORKER_ESCAPE_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'indexedDB',
  'caches',
  'cookieStore',
  'importScripts',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'navigator',
] as const;

/**
 * Replaces each of `names` on `scope` with a frozen `undefined`, so later code can neither use
 * nor restore it. Returns the names that could not be replaced (none in current browsers).
 * Runs after QuickJS has loaded: loading is the only time the worker needs the network.
 */
export function lockDownGlobals(scope: object, names: readonly string[] = WORKER_ESCAPE_GLOBALS): string[] {
  const failed: string[] = [];
  for (const name of names) {
    try {
      Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false, enumerable: false });
    } catch {
      if ((scope as Record<string, unknown>)[name] !== undefined) failed.push(name);
    }
  }
  return failed;
}
