import type { AdapterSummary, CapabilityReport } from './report';

/** The bits of WebGPU the probe reads; declared here because TypeScript's DOM lib has no WebGPU types. */
interface GpuAdapterLike {
  readonly features: { has(name: string): boolean };
  readonly limits: { readonly maxBufferSize: number; readonly maxStorageBufferBindingSize: number };
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
}

/** The parts of `navigator` the probe reads (injected in tests). */
export interface NavigatorLike {
  gpu?: { requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null> };
  deviceMemory?: number;
  hardwareConcurrency?: number;
  storage?: { estimate?(): Promise<{ usage?: number; quota?: number }>; persisted?(): Promise<boolean> };
}

function summarize(adapter: GpuAdapterLike): AdapterSummary {
  const info = adapter.info ?? {};
  const summary = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
  };
  const software =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    /swiftshader|llvmpipe|software|basic render/i.test(`${summary.vendor} ${summary.architecture} ${summary.description}`);
  return { ...summary, isSoftware: software };
}

async function quietly<T>(work: (() => Promise<T>) | undefined): Promise<T | undefined> {
  try {
    return work ? await work() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Probes WebGPU (adapter, shader-f16, buffer limits), memory, cores and storage. Never throws:
 * whatever cannot be read is left out, and a missing WebGPU is explained in `webgpuProblem`.
 */
export async function probeCapabilities(environment: NavigatorLike = globalThis.navigator as NavigatorLike): Promise<CapabilityReport> {
  const report: CapabilityReport = { webgpu: false, shaderF16: false };
  if (typeof environment.deviceMemory === 'number') report.deviceMemoryGB = environment.deviceMemory;
  if (typeof environment.hardwareConcurrency === 'number') report.cpuCores = environment.hardwareConcurrency;
  const storage = environment.storage;
  const estimate = await quietly(storage?.estimate?.bind(storage));
  if (estimate) report.storage = { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0 };
  const persisted = await quietly(storage?.persisted?.bind(storage));
  if (persisted !== undefined) report.persisted = persisted;

  if (!environment.gpu) {
    report.webgpuProblem = 'This browser has no WebGPU (navigator.gpu is missing).';
    report.webgpuProblemCode = 'no-navigator-gpu';
    return report;
  }
  const gpu = environment.gpu;
  const adapter = await quietly(() => gpu.requestAdapter({ powerPreference: 'high-performance' }));
  if (!adapter) {
    report.webgpuProblem = 'WebGPU is present but no GPU adapter is available (blocked, or no supported GPU).';
    report.webgpuProblemCode = 'no-adapter';
    return report;
  }
  report.webgpu = true;
  report.adapter = summarize(adapter);
  report.shaderF16 = adapter.features.has('shader-f16');
  report.maxBufferSize = adapter.limits.maxBufferSize;
  report.maxStorageBufferBindingSize = adapter.limits.maxStorageBufferBindingSize;
  return report;
}
