import type { ToolMode } from '../../core/agent/options';

/** Which local engine runs a model. */
export type LocalEngineKind = 'webllm' | 'transformers';

/** One model the Models page offers. */
export interface CatalogModel {
  /** The engine's own id: a web-llm prebuilt `model_id`, or a Hugging Face repo for transformers.js. */
  id: string;
  /** Name shown to the person. */
  label: string;
  engine: LocalEngineKind;
  /** Model family, for grouping and for the tool-call format. */
  family: 'qwen2.5' | 'qwen3' | 'qwen3.5' | 'llama-3.2' | 'hermes-3' | 'phi-3.5' | 'phi-4' | 'smollm2';
  /** Parameters, in billions. */
  parametersB: number;
  /** Approximate download in MB (quantized weights + tokenizer + WASM library). */
  downloadMB: number;
  /**
   * Memory it needs while running, in MB: web-llm's `vram_required_MB` (weights + KV cache at its
   * context window) for web-llm models; an estimate (weights + runtime) for transformers.js models.
   */
  memoryMB: number;
  /** Context window in tokens, as built (web-llm builds most at 4096). */
  contextWindow: number;
  /** How the agent writes tools for it: a text format the model was trained on, or the closest we have. */
  toolMode: ToolMode;
  /** The format the model was actually trained on, where we have no parser for it yet (shown as a note). */
  nativeFormat?: string;
  /**
   * The model writes a reasoning block (`<think>…</think>`) before its answer unless told not to
   * (Qwen3's `enable_thinking` / `/no_think`); false for models that answer directly. Shown as
   * "Thinking", and the tool grammar admits the block before a call.
   */
  thinking: boolean;
  /** The WebGPU feature `shader-f16` is required (f16 weights/activations). */
  needsShaderF16: boolean;
  /** Runs where WebGPU's maxStorageBufferBindingSize is only 128 MB (web-llm's `low_resource_required`). */
  lowResource: boolean;
  /** Higher is better at tool use; the recommendation picks the best one that fits. */
  quality: number;
  /** The model reads images in user messages (web-llm's VLMs). Absent: text only. */
  vision?: boolean;
  /** transformers.js weight type (dtype) to load; absent for web-llm. */
  dtype?: 'q4' | 'q4f16' | 'q8' | 'fp16' | 'fp32';
}
