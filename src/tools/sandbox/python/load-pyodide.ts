/**
 * Loads Pyodide for the sandbox worker from the files our own build serves (vite.config.ts copies
 * them from node_modules/pyodide to `assets/pyodide-<version>/`; never a CDN), with an empty `js`
 * module and no stdin, and with package loading switched off.
 */
import { loadPyodide, version, type PyodideAPI } from 'pyodide';
import { TabagentError } from '../../../core/errors';

/** The folder, under the app's base URL, that holds Pyodide's files (the same path the Vite plugin uses). */
export const PYODIDE_ASSET_FOLDER = `assets/pyodide-${version}/`;

/** Why `loadPackage` fails: the message Python code (and so the model) sees. */
export const NO_PACKAGES_MESSAGE =
  'run_python cannot load packages: only the Python standard library is shipped, and the sandbox has no network. Use the standard library instead.';

/**
 * Replaces Pyodide's package loaders with ones that fail with NO_PACKAGES_MESSAGE, so
 * `pyodide_js.loadPackage(...)` and micropip (which needs it) say why instead of trying the network.
 */
export function disablePackageLoading(pyodide: PyodideAPI): void {
  // Throws at once rather than rejecting: Python code cannot await a promise in a run, so it sees the error as it calls.
  const refuse = (): never => {
    throw new TabagentError('tool-failed', NO_PACKAGES_MESSAGE);
  };
  for (const name of ['loadPackage', 'loadPackagesFromImports'] as const) {
    Object.defineProperty(pyodide, name, { value: refuse, writable: false, configurable: false });
  }
}

/**
 * Loads the interpreter from `indexURL` (a folder URL ending in `/`). `jsglobals` is an empty
 * object, so Python's `import js` reaches nothing of the worker (no fetch, no postMessage); the
 * worker's own escape globals are removed afterwards as well (worker-host.ts).
 */
export async function loadSandboxPyodide(indexURL: string): Promise<PyodideAPI> {
  const pyodide = await loadPyodide({
    indexURL,
    jsglobals: Object.create(null) as object,
    stdin: () => null,
    // Runs capture sys.stdout/sys.stderr themselves; what escapes to the C-level streams is dropped.
    stdout: () => undefined,
    stderr: () => undefined,
    checkAPIVersion: true,
  });
  disablePackageLoading(pyodide);
  return pyodide;
}
