/** Picks the device the embedder actually runs on. */
import type { TransformersDevice } from '../llm/transformers/options';

interface GpuLike {
  requestAdapter(): Promise<object | null>;
}

/** True when this realm has a WebGPU adapter. The project's TypeScript setup has no WebGPU types. */
export async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (gpu === undefined) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    // Some browsers throw rather than resolve null when WebGPU is blocked.
    return false;
  }
}

/** 'webgpu' only where an adapter exists; otherwise WASM, which runs everywhere. */
export async function resolveEmbedDevice(requested: TransformersDevice): Promise<TransformersDevice> {
  if (requested === 'wasm') return 'wasm';
  return (await hasWebGpuAdapter()) ? 'webgpu' : 'wasm';
}
