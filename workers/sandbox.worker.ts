/**
 * The JavaScript sandbox worker: a thin host for QuickJS (src/tools/sandbox). The interpreter's
 * .wasm file is served from our own build (Vite emits it as an asset), never from a CDN.
 */
import wasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { exposeSandboxWorkerHost } from '../src/tools/sandbox/worker-host';

exposeSandboxWorkerHost(wasmUrl);
