import type { CatalogModel } from './types';

/**
 * Shorthand for a web-llm prebuilt model. `memoryMB` is web-llm 0.2.86's `vram_required_MB`;
 * `downloadMB` is approximate (≈0.56 bytes per parameter at 4 bits, plus embeddings and the
 * WASM library). Every q4f16/q0f16 build needs shader-f16: its WGSL enables `f16`, whether or
 * not web-llm lists `required_features` for it.
 */
function webllm(
  model: Omit<CatalogModel, 'engine' | 'needsShaderF16' | 'lowResource' | 'contextWindow' | 'thinking'> & {
    contextWindow?: number;
    lowResource?: boolean;
  },
): CatalogModel {
  return {
    engine: 'webllm',
    needsShaderF16: /q\df16/.test(model.id),
    lowResource: true,
    contextWindow: 4096,
    // Qwen3 and Qwen3.5 think before answering by default; the other families answer directly.
    thinking: THINKING_FAMILIES.has(model.family),
    ...model,
  };
}

const THINKING_FAMILIES: ReadonlySet<CatalogModel['family']> = new Set(['qwen3', 'qwen3.5']);

/** web-llm models good at tool use, smallest first within each family. Ids are checked against web-llm's prebuilt list by a test. */
export const webllmModels: readonly CatalogModel[] = [
  webllm({ id: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', label: 'Qwen2.5 0.5B Instruct', family: 'qwen2.5', parametersB: 0.5, downloadMB: 280, memoryMB: 945, toolMode: 'hermes', quality: 3 }),
  webllm({ id: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC', label: 'Qwen2.5 0.5B Instruct (f32)', family: 'qwen2.5', parametersB: 0.5, downloadMB: 300, memoryMB: 1060, toolMode: 'hermes', quality: 3 }),
  webllm({ id: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', label: 'Qwen2.5 1.5B Instruct', family: 'qwen2.5', parametersB: 1.5, downloadMB: 880, memoryMB: 1630, toolMode: 'hermes', quality: 7 }),
  webllm({ id: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC', label: 'Qwen2.5 1.5B Instruct (f32)', family: 'qwen2.5', parametersB: 1.5, downloadMB: 950, memoryMB: 1889, toolMode: 'hermes', quality: 7 }),
  webllm({ id: 'Qwen2.5-3B-Instruct-q4f16_1-MLC', label: 'Qwen2.5 3B Instruct', family: 'qwen2.5', parametersB: 3, downloadMB: 1740, memoryMB: 2505, toolMode: 'hermes', quality: 9 }),
  webllm({ id: 'Qwen2.5-3B-Instruct-q4f32_1-MLC', label: 'Qwen2.5 3B Instruct (f32)', family: 'qwen2.5', parametersB: 3, downloadMB: 1850, memoryMB: 2894, toolMode: 'hermes', quality: 9 }),
  webllm({ id: 'Qwen3-0.6B-q4f16_1-MLC', label: 'Qwen3 0.6B', family: 'qwen3', parametersB: 0.6, downloadMB: 340, memoryMB: 1403, toolMode: 'hermes', quality: 4 }),
  webllm({ id: 'Qwen3-0.6B-q4f32_1-MLC', label: 'Qwen3 0.6B (f32)', family: 'qwen3', parametersB: 0.6, downloadMB: 370, memoryMB: 1925, toolMode: 'hermes', quality: 4 }),
  webllm({ id: 'Qwen3-1.7B-q4f16_1-MLC', label: 'Qwen3 1.7B', family: 'qwen3', parametersB: 1.7, downloadMB: 980, memoryMB: 2037, toolMode: 'hermes', quality: 8 }),
  webllm({ id: 'Qwen3-1.7B-q4f32_1-MLC', label: 'Qwen3 1.7B (f32)', family: 'qwen3', parametersB: 1.7, downloadMB: 1050, memoryMB: 2635, toolMode: 'hermes', quality: 8 }),
  webllm({ id: 'Qwen3-4B-q4f16_1-MLC', label: 'Qwen3 4B', family: 'qwen3', parametersB: 4, downloadMB: 2280, memoryMB: 3432, toolMode: 'hermes', quality: 10 }),
  webllm({ id: 'Qwen3-4B-q4f32_1-MLC', label: 'Qwen3 4B (f32)', family: 'qwen3', parametersB: 4, downloadMB: 2400, memoryMB: 4328, toolMode: 'hermes', quality: 10 }),
  webllm({ id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', label: 'Llama 3.2 1B Instruct', family: 'llama-3.2', parametersB: 1.2, downloadMB: 700, memoryMB: 879, toolMode: 'llama3-json', quality: 4 }),
  webllm({ id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC', label: 'Llama 3.2 1B Instruct (f32)', family: 'llama-3.2', parametersB: 1.2, downloadMB: 760, memoryMB: 1129, toolMode: 'llama3-json', quality: 4 }),
  webllm({ id: 'Llama-3.2-3B-Instruct-q4f16_1-MLC', label: 'Llama 3.2 3B Instruct', family: 'llama-3.2', parametersB: 3.2, downloadMB: 1800, memoryMB: 2264, toolMode: 'llama3-json', quality: 6 }),
  webllm({ id: 'Llama-3.2-3B-Instruct-q4f32_1-MLC', label: 'Llama 3.2 3B Instruct (f32)', family: 'llama-3.2', parametersB: 3.2, downloadMB: 1900, memoryMB: 2952, toolMode: 'llama3-json', quality: 6 }),
  webllm({ id: 'Hermes-3-Llama-3.2-3B-q4f16_1-MLC', label: 'Hermes 3 (Llama 3.2 3B)', family: 'hermes-3', parametersB: 3.2, downloadMB: 1800, memoryMB: 2264, toolMode: 'hermes', quality: 8 }),
  webllm({ id: 'Hermes-3-Llama-3.2-3B-q4f32_1-MLC', label: 'Hermes 3 (Llama 3.2 3B, f32)', family: 'hermes-3', parametersB: 3.2, downloadMB: 1900, memoryMB: 2952, toolMode: 'hermes', quality: 8 }),
  webllm({ id: 'Phi-3.5-mini-instruct-q4f16_1-MLC-1k', label: 'Phi-3.5 mini (1k context)', family: 'phi-3.5', parametersB: 3.8, downloadMB: 2150, memoryMB: 2520, contextWindow: 1024, toolMode: 'react', quality: 5 }),
  webllm({ id: 'Phi-3.5-mini-instruct-q4f16_1-MLC', label: 'Phi-3.5 mini', family: 'phi-3.5', parametersB: 3.8, downloadMB: 2150, memoryMB: 3672, lowResource: false, toolMode: 'react', quality: 6 }),
  // Larger builds (web-llm 0.2.86): each binds 1 GB storage buffers (not low-resource) except where noted.
  webllm({ id: 'Qwen2.5-7B-Instruct-q4f16_1-MLC', label: 'Qwen2.5 7B Instruct', family: 'qwen2.5', parametersB: 7.6, downloadMB: 4300, memoryMB: 5107, lowResource: false, toolMode: 'hermes', quality: 10 }),
  webllm({ id: 'Qwen2.5-7B-Instruct-q4f32_1-MLC', label: 'Qwen2.5 7B Instruct (f32)', family: 'qwen2.5', parametersB: 7.6, downloadMB: 4500, memoryMB: 5900, lowResource: false, toolMode: 'hermes', quality: 10 }),
  webllm({ id: 'Qwen3-8B-q4f16_1-MLC', label: 'Qwen3 8B', family: 'qwen3', parametersB: 8.2, downloadMB: 4600, memoryMB: 5696, lowResource: false, toolMode: 'hermes', quality: 11 }),
  webllm({ id: 'Qwen3-8B-q4f32_1-MLC', label: 'Qwen3 8B (f32)', family: 'qwen3', parametersB: 8.2, downloadMB: 4800, memoryMB: 6853, lowResource: false, toolMode: 'hermes', quality: 11 }),
  // Qwen3.5 writes Qwen3-Coder's XML inside <tool_call> (`<function=f><parameter=x>…`), the format its template teaches.
  webllm({ id: 'Qwen3.5-0.8B-q4f16_1-MLC', label: 'Qwen3.5 0.8B', family: 'qwen3.5', parametersB: 0.8, downloadMB: 520, memoryMB: 1629, toolMode: 'qwen3-coder', quality: 5 }),
  webllm({ id: 'Qwen3.5-0.8B-q4f32_1-MLC', label: 'Qwen3.5 0.8B (f32)', family: 'qwen3.5', parametersB: 0.8, downloadMB: 560, memoryMB: 1894, toolMode: 'qwen3-coder', quality: 5 }),
  webllm({ id: 'Qwen3.5-2B-q4f16_1-MLC', label: 'Qwen3.5 2B', family: 'qwen3.5', parametersB: 2, downloadMB: 1200, memoryMB: 2245, lowResource: false, toolMode: 'qwen3-coder', quality: 8 }),
  webllm({ id: 'Qwen3.5-2B-q4f32_1-MLC', label: 'Qwen3.5 2B (f32)', family: 'qwen3.5', parametersB: 2, downloadMB: 1280, memoryMB: 2592, lowResource: false, toolMode: 'qwen3-coder', quality: 8 }),
  webllm({ id: 'Qwen3.5-4B-q4f16_1-MLC', label: 'Qwen3.5 4B', family: 'qwen3.5', parametersB: 4, downloadMB: 2350, memoryMB: 3868, lowResource: false, toolMode: 'qwen3-coder', quality: 10 }),
  webllm({ id: 'Qwen3.5-4B-q4f32_1-MLC', label: 'Qwen3.5 4B (f32)', family: 'qwen3.5', parametersB: 4, downloadMB: 2500, memoryMB: 4680, lowResource: false, toolMode: 'qwen3-coder', quality: 10 }),
  webllm({ id: 'Qwen3.5-9B-q4f16_1-MLC', label: 'Qwen3.5 9B', family: 'qwen3.5', parametersB: 9, downloadMB: 5100, memoryMB: 6433, lowResource: false, toolMode: 'qwen3-coder', quality: 12 }),
  webllm({ id: 'Qwen3.5-9B-q4f32_1-MLC', label: 'Qwen3.5 9B (f32)', family: 'qwen3.5', parametersB: 9, downloadMB: 5400, memoryMB: 7545, lowResource: false, toolMode: 'qwen3-coder', quality: 12 }),
  webllm({ id: 'Hermes-3-Llama-3.1-8B-q4f16_1-MLC', label: 'Hermes 3 (Llama 3.1 8B)', family: 'hermes-3', parametersB: 8, downloadMB: 4500, memoryMB: 4876, lowResource: false, toolMode: 'hermes', quality: 10 }),
  webllm({ id: 'Hermes-3-Llama-3.1-8B-q4f32_1-MLC', label: 'Hermes 3 (Llama 3.1 8B, f32)', family: 'hermes-3', parametersB: 8, downloadMB: 4700, memoryMB: 5779, lowResource: false, toolMode: 'hermes', quality: 10 }),
  // Phi-4-mini writes `<|tool_call|>[{…}]<|/tool_call|>`, which no reader takes yet: Hermes' tagged JSON is the nearest (and gets the grammar).
  webllm({ id: 'Phi-4-mini-instruct-q4f16_1-MLC', label: 'Phi-4 mini', family: 'phi-4', parametersB: 3.8, downloadMB: 2300, memoryMB: 3438, lowResource: false, toolMode: 'hermes', nativeFormat: 'Phi-4 <|tool_call|>', quality: 7 }),
  webllm({ id: 'Phi-4-mini-instruct-q4f32_1-MLC', label: 'Phi-4 mini (f32)', family: 'phi-4', parametersB: 3.8, downloadMB: 2450, memoryMB: 4221, lowResource: false, toolMode: 'hermes', nativeFormat: 'Phi-4 <|tool_call|>', quality: 7 }),
  // web-llm's one vision model (model type VLM): reads attached images. Weak at tool use, so the
  // recommendation prefers any text model that fits; chosen on purpose for pictures.
  webllm({ id: 'Phi-3.5-vision-instruct-q4f16_1-MLC', label: 'Phi-3.5 vision (reads images)', family: 'phi-3.5', parametersB: 4.2, downloadMB: 2400, memoryMB: 4522, lowResource: false, toolMode: 'react', quality: 2, vision: true }),
];
