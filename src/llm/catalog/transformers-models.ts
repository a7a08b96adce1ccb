import type { CatalogModel } from './types';

/**
 * transformers.js (ONNX) models, for browsers without WebGPU (WASM) or for ONNX-only models.
 * They load in 4-bit (`q4`), which runs on WASM and on WebGPU without shader-f16. Sizes are
 * approximate: the q4 ONNX file plus tokenizer; memory adds the runtime's working set.
 */
export const transformersModels: readonly CatalogModel[] = [
  {
    id: 'onnx-community/Qwen2.5-0.5B-Instruct',
    label: 'Qwen2.5 0.5B Instruct (ONNX)',
    engine: 'transformers',
    family: 'qwen2.5',
    parametersB: 0.5,
    downloadMB: 480,
    memoryMB: 1200,
    contextWindow: 32768,
    toolMode: 'hermes',
    needsShaderF16: false,
    lowResource: true,
    quality: 3,
    dtype: 'q4',
  },
  {
    id: 'onnx-community/Qwen3-0.6B-ONNX',
    label: 'Qwen3 0.6B (ONNX)',
    engine: 'transformers',
    family: 'qwen3',
    parametersB: 0.6,
    downloadMB: 560,
    memoryMB: 1400,
    contextWindow: 32768,
    toolMode: 'hermes',
    needsShaderF16: false,
    lowResource: true,
    quality: 4,
    dtype: 'q4',
  },
  {
    id: 'onnx-community/Llama-3.2-1B-Instruct',
    label: 'Llama 3.2 1B Instruct (ONNX)',
    engine: 'transformers',
    family: 'llama-3.2',
    parametersB: 1.2,
    downloadMB: 1000,
    memoryMB: 2200,
    contextWindow: 131072,
    toolMode: 'llama3-json',
    needsShaderF16: false,
    lowResource: true,
    quality: 4,
    dtype: 'q4',
  },
  {
    id: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    label: 'SmolLM2 360M Instruct (ONNX)',
    engine: 'transformers',
    family: 'smollm2',
    parametersB: 0.36,
    downloadMB: 270,
    memoryMB: 700,
    contextWindow: 8192,
    toolMode: 'react',
    needsShaderF16: false,
    lowResource: true,
    quality: 1,
    dtype: 'q4',
  },
];
