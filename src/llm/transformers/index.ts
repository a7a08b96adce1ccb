/** The transformers.js engine (ONNX models on WebGPU or WASM), usable in-process or behind a worker. */
export { createTransformersEngine, type TransformersEngineRuntime } from './engine';
export type { LoadXGrammar, XGrammarModule } from './grammar';
export { bundledOrtWasmPaths } from './ort-wasm-paths';
export {
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_MAX_TOKENS,
  type OrtWasmPaths,
  type TransformersDevice,
  type TransformersDtype,
  type TransformersEngineOptions,
} from './options';
