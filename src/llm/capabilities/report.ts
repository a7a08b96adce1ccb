/** Why WebGPU is missing: the browser has no `navigator.gpu`, or it gave no adapter. */
export const WEBGPU_PROBLEM_CODES = ['no-navigator-gpu', 'no-adapter'] as const;
export type WebGpuProblemCode = (typeof WEBGPU_PROBLEM_CODES)[number];

/** What this browser and device offer for running models locally. */
export interface CapabilityReport {
  /** A WebGPU adapter was found. */
  webgpu: boolean;
  /** Why there is no WebGPU (no `navigator.gpu`, or no adapter), written for the person in English. */
  webgpuProblem?: string;
  /** The same as a code, for interfaces that translate it. */
  webgpuProblemCode?: WebGpuProblemCode;
  adapter?: AdapterSummary;
  /** The adapter offers the `shader-f16` feature (needed by f16 model builds). */
  shaderF16: boolean;
  /** WebGPU limits, in bytes (web-llm needs 1 GB storage bindings for all but low-resource builds). */
  maxBufferSize?: number;
  maxStorageBufferBindingSize?: number;
  /** `navigator.deviceMemory`: approximate RAM in GB (Chromium caps it at 8), absent elsewhere. */
  deviceMemoryGB?: number;
  /** `navigator.storage.estimate()`, in bytes. */
  storage?: { usageBytes: number; quotaBytes: number };
  /** Whether storage is persistent (not evicted under pressure). */
  persisted?: boolean;
  /** Logical CPU cores (WASM threads). */
  cpuCores?: number;
}

/** The adapter as `GPUAdapter.info` describes it. */
export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software adapter (SwiftShader) that runs WebGPU on the CPU: correct but very slow. */
  isSoftware: boolean;
}
