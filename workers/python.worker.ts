/**
 * The Python sandbox worker: a thin host for Pyodide (src/tools/sandbox/python). Pyodide's files
 * are served from our own build (vite.config.ts copies them), never from a CDN.
 */
import { PYODIDE_ASSET_FOLDER } from '../src/tools/sandbox/python/load-pyodide';
import { exposePythonWorkerHost } from '../src/tools/sandbox/python/worker-host';

exposePythonWorkerHost(new URL(`${import.meta.env.BASE_URL}${PYODIDE_ASSET_FOLDER}`, self.location.origin).href);
