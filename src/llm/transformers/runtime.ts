/** Points transformers.js's global `env` at our model location and our own onnxruntime files. */
import { env } from '@huggingface/transformers';
import type { OrtWasmPaths, TransformersEngineOptions } from './options';
import { bundledOrtWasmPaths } from './ort-wasm-paths';
import { createVerifiedFetch } from './verified-fetch';

/** transformers.js's own fetch, put back when nothing is downloaded remotely. */
const defaultFetch = env.fetch;

/** True where transformers.js runs onnxruntime-web (browsers, workers) rather than onnxruntime-node. */
export function usesOnnxRuntimeWeb(): boolean {
  return env.backends.onnx.versions?.web !== undefined;
}

/**
 * Applies the options to transformers.js's process-wide `env`. It is global, so two engines in one
 * realm share it: the last load's settings win, which is why each load sets every field again.
 */
export function configureTransformersRuntime(options: TransformersEngineOptions, wasmPaths: OrtWasmPaths = bundledOrtWasmPaths): void {
  env.allowLocalModels = options.localModelPath !== undefined;
  if (options.localModelPath !== undefined) env.localModelPath = withTrailingSlash(options.localModelPath);
  env.allowRemoteModels = options.allowRemote ?? false;
  if (options.remoteHost !== undefined) env.remoteHost = withTrailingSlash(options.remoteHost);
  env.remotePathTemplate = options.remotePathTemplate ?? HUB_PATH_TEMPLATE;
  // Remote model files are checked against the hub's published SHA-256 before they are used or cached.
  env.fetch = env.allowRemoteModels ? createVerifiedFetch(env.remoteHost) : defaultFetch;
  // The Cache API exists only in browsers; transformers.js throws in Node when asked to use it.
  env.useBrowserCache = usesOnnxRuntimeWeb() && (options.useBrowserCache ?? true);
  const wasm = env.backends.onnx.wasm;
  if (usesOnnxRuntimeWeb() && wasm !== undefined) {
    // transformers.js may have replaced `mjs` with a blob: URL of the same file it cached; keep that.
    const current = wasm.wasmPaths;
    const alreadyOurs = typeof current === 'object' && current !== null && current.wasm === wasmPaths.wasm;
    if (!alreadyOurs) wasm.wasmPaths = { ...wasmPaths };
  }
}

/** transformers.js's own default: the Hugging Face hub's layout. */
const HUB_PATH_TEMPLATE = '{model}/resolve/{revision}/';

function withTrailingSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
