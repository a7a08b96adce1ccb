/** Options of the transformers.js engine. Plain data, so they cross a worker boundary as they are. */

/** Where the ONNX model runs: WebGPU, or onnxruntime-web's WebAssembly CPU backend. */
export type TransformersDevice = 'webgpu' | 'wasm';

/** transformers.js weight formats; each picks a file name suffix (fp32 → model.onnx, q8 → model_quantized.onnx…). */
export type TransformersDtype = 'auto' | 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'q4f16' | 'bnb4';

export interface TransformersEngineOptions {
  /** Hub-style model id ("onnx-community/Qwen2.5-0.5B-Instruct") or a folder name under `localModelPath`. */
  modelId: string;
  device: TransformersDevice;
  /** Defaults to transformers.js's choice for the device (q8 on wasm, fp32 on webgpu). */
  dtype?: TransformersDtype;
  /** URL prefix (browser) or folder (Node) holding `<modelId>/config.json` etc. */
  localModelPath?: string;
  /** Model host for remote loading, e.g. a same-origin mirror. Only used when `allowRemote` is true. */
  remoteHost?: string;
  /**
   * Path of a model's files under `remoteHost`: the hub's `{model}/resolve/{revision}/` (default),
   * or `{model}/` for a plain static server holding the model folder.
   */
  remotePathTemplate?: string;
  /** Download from `remoteHost` when the model is not found locally. Defaults to false. */
  allowRemote?: boolean;
  /** Keep downloaded files in the Cache API so a second load reads no network. Defaults to true. */
  useBrowserCache?: boolean;
  /** Context window to report before load; after load the model config's value wins. */
  contextWindow?: number;
  /** Default answer length when a request sets no `maxTokens`. */
  defaultMaxTokens?: number;
}

/** URLs of onnxruntime-web's WASM factory (.mjs) and binary (.wasm), served by our own origin. */
export interface OrtWasmPaths {
  mjs: string;
  wasm: string;
}

export const DEFAULT_CONTEXT_WINDOW = 2048;
export const DEFAULT_MAX_TOKENS = 512;
