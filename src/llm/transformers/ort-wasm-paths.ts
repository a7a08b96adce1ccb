/**
 * onnxruntime-web's WASM files, imported through Vite so that the build serves them from our own
 * origin. Left alone, transformers.js points onnxruntime at cdn.jsdelivr.net; no request may leave
 * the origin, so every browser entry point passes these URLs to the engine.
 */
import ortWasmFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmBinaryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { OrtWasmPaths } from './options';

/**
 * The asyncify build is the one `onnxruntime-web/webgpu` (what transformers.js imports) loads, for
 * both its WebGPU and its CPU execution providers.
 */
export const bundledOrtWasmPaths: OrtWasmPaths = { mjs: ortWasmFactoryUrl, wasm: ortWasmBinaryUrl };
