import type { CatalogModel } from '../catalog/types';
import type { CapabilityReport } from './report';

/** Whether one catalog model suits this device, and why, in words for the person. */
export interface ModelRecommendation {
  model: CatalogModel;
  fits: boolean;
  reason: string;
  /** Where it would run here. */
  device: 'webgpu' | 'wasm';
  /** The one model suggested first (at most one per list). */
  recommended: boolean;
}

const GIB = 1024 * 1024 * 1024;
/** web-llm's non-low-resource builds bind 1 GB storage buffers. */
const LARGE_BINDING_BYTES = GIB;
/** Memory budget for the suggestion when the device does not report its RAM (a typical 8 GB laptop GPU share). */
const DEFAULT_BUDGET_MB = 2600;
/** On the CPU, small models only: speed falls with size far faster than quality rises. */
const WASM_BUDGET_MB = 1500;

/** "~1.6 GB" or "~280 MB". */
export function formatMegabytes(megabytes: number): string {
  return megabytes >= 1024 ? `~${(megabytes / 1024).toFixed(1)} GB` : `~${Math.round(megabytes)} MB`;
}

function hardwareGpu(report: CapabilityReport): boolean {
  return report.webgpu && report.adapter?.isSoftware !== true;
}

/** Problems shared by both engines: RAM the device reports, free storage for the download. */
function resourceProblem(model: CatalogModel, report: CapabilityReport): string | undefined {
  if (report.deviceMemoryGB !== undefined && model.memoryMB > report.deviceMemoryGB * 1024) {
    return `needs ${formatMegabytes(model.memoryMB)} of memory, this device reports ${report.deviceMemoryGB} GB`;
  }
  if (report.storage && report.storage.quotaBytes > 0) {
    const freeMB = (report.storage.quotaBytes - report.storage.usageBytes) / (1024 * 1024);
    if (model.downloadMB > freeMB) return `needs ${formatMegabytes(model.downloadMB)} to download, only ${formatMegabytes(freeMB)} of storage is free`;
  }
  return undefined;
}

function judgeWebLLM(model: CatalogModel, report: CapabilityReport): Omit<ModelRecommendation, 'recommended'> {
  const verdict = (fits: boolean, reason: string) => ({ model, fits, reason, device: 'webgpu' as const });
  if (!report.webgpu) return verdict(false, 'needs WebGPU, which this browser lacks');
  if (model.needsShaderF16 && !report.shaderF16) return verdict(false, 'needs shader-f16, which this GPU lacks (pick the f32 build)');
  const binding = report.maxStorageBufferBindingSize;
  if (!model.lowResource && binding !== undefined && binding < LARGE_BINDING_BYTES) {
    return verdict(false, `needs 1 GB GPU buffers, this GPU allows ${formatMegabytes(binding / (1024 * 1024))}`);
  }
  const problem = resourceProblem(model, report);
  if (problem) return verdict(false, problem);
  if (report.adapter?.isSoftware) return verdict(true, 'runs, but on a software GPU (CPU): very slow here');
  return verdict(true, `fits: needs ${formatMegabytes(model.memoryMB)} of GPU memory`);
}

function judgeTransformers(model: CatalogModel, report: CapabilityReport): Omit<ModelRecommendation, 'recommended'> {
  const device = hardwareGpu(report) ? ('webgpu' as const) : ('wasm' as const);
  const problem = resourceProblem(model, report);
  if (problem) return { model, fits: false, reason: problem, device };
  const reason =
    device === 'webgpu'
      ? 'runs on WebGPU via transformers.js'
      : report.webgpu
        ? 'software GPU only: runs on WASM via transformers.js (faster than the software GPU), slower than a real GPU'
        : 'no WebGPU: runs on WASM via transformers.js, slower';
  return { model, fits: true, reason, device };
}

/** Picks the suggestion: the best-quality fitting model within a memory budget, smaller first on ties. */
function pick(judged: ReadonlyArray<Omit<ModelRecommendation, 'recommended'>>, report: CapabilityReport): CatalogModel | undefined {
  const gpu = hardwareGpu(report);
  const engine = gpu ? 'webllm' : 'transformers';
  const budget = gpu ? (report.deviceMemoryGB !== undefined ? report.deviceMemoryGB * 512 : DEFAULT_BUDGET_MB) : WASM_BUDGET_MB;
  const candidates = judged.filter((entry) => entry.fits && entry.model.engine === engine);
  const inBudget = candidates.filter((entry) => entry.model.memoryMB <= budget);
  const pool = inBudget.length > 0 ? inBudget : candidates;
  const sorted = [...pool].sort((a, b) => b.model.quality - a.model.quality || a.model.memoryMB - b.model.memoryMB);
  return (sorted[0] ?? judged.find((entry) => entry.fits))?.model;
}

/**
 * Judges every catalog model against a capability report, in catalog order, with a plain reason
 * each ("needs shader-f16, which this GPU lacks", "no WebGPU: runs on WASM via transformers.js,
 * slower"). Marks one model as recommended: with a real GPU the best web-llm model that fits in
 * about half the reported memory; without one (or only SwiftShader), a small transformers.js model.
 */
export function recommendModels(report: CapabilityReport, catalog: readonly CatalogModel[]): ModelRecommendation[] {
  const judged = catalog.map((model) => (model.engine === 'webllm' ? judgeWebLLM(model, report) : judgeTransformers(model, report)));
  const chosen = pick(judged, report);
  return judged.map((entry) => ({ ...entry, recommended: entry.model === chosen }));
}

/** A one-line summary of the report for the Models page and the composer hint. */
export function describeCapabilities(report: CapabilityReport): string {
  if (!report.webgpu) return `${report.webgpuProblem ?? 'No WebGPU.'} Local models run on the CPU (WASM) via transformers.js: slower, but they work.`;
  const name = [report.adapter?.vendor, report.adapter?.architecture].filter((part) => part).join(' ') || 'unknown GPU';
  const software = report.adapter?.isSoftware ? ' (a software adapter: WebGPU runs on the CPU, very slowly)' : '';
  const f16 = report.shaderF16 ? 'with shader-f16' : 'without shader-f16 (f16 builds will not run)';
  return `WebGPU on ${name}${software}, ${f16}.`;
}
