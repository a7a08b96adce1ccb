import type { CatalogModel } from '../catalog/types';
import type { CapabilityReport } from './report';

/** Every reason a model fits this device or not; an interface translates each (`reason` is the English text). */
export const REASON_CODES = [
  'no-webgpu',
  'needs-shader-f16',
  'small-gpu-buffers',
  'not-enough-memory',
  'not-enough-storage',
  'software-gpu',
  'fits-gpu',
  'transformers-webgpu',
  'transformers-wasm-software-gpu',
  'transformers-wasm-no-webgpu',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** The values a reason names (sizes already formatted, e.g. "~1.6 GB"), for translated texts. */
export type ReasonParams = Record<string, string | number>;

/** The English reason texts, for Node/CLI users and as the `reason` field. */
const ENGLISH_REASONS: Record<ReasonCode, (params: ReasonParams) => string> = {
  'no-webgpu': () => 'needs WebGPU, which this browser lacks',
  'needs-shader-f16': () => 'needs shader-f16, which this GPU lacks (pick the f32 build)',
  'small-gpu-buffers': ({ buffer }) => `needs 1 GB GPU buffers, this GPU allows ${buffer}`,
  'not-enough-memory': ({ memory, reported }) => `needs ${memory} of memory, this device reports ${reported} GB`,
  'not-enough-storage': ({ download, free }) => `needs ${download} to download, only ${free} of storage is free`,
  'software-gpu': () => 'runs, but on a software GPU (CPU): very slow here',
  'fits-gpu': ({ memory }) => `fits: needs ${memory} of GPU memory`,
  'transformers-webgpu': () => 'runs on WebGPU via transformers.js',
  'transformers-wasm-software-gpu': () =>
    'software GPU only: runs on WASM via transformers.js (faster than the software GPU), slower than a real GPU',
  'transformers-wasm-no-webgpu': () => 'no WebGPU: runs on WASM via transformers.js, slower',
};

/** A reason as code, parameters and English text. */
interface Reason {
  reason: string;
  reasonCode: ReasonCode;
  reasonParams: ReasonParams;
}

function because(reasonCode: ReasonCode, reasonParams: ReasonParams = {}): Reason {
  return { reason: ENGLISH_REASONS[reasonCode](reasonParams), reasonCode, reasonParams };
}

/** Whether one catalog model suits this device, and why, in words for the person. */
export interface ModelRecommendation {
  model: CatalogModel;
  fits: boolean;
  /** The reason in English (Node/CLI); interfaces translate `reasonCode` with `reasonParams` instead. */
  reason: string;
  reasonCode: ReasonCode;
  reasonParams: ReasonParams;
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
function resourceProblem(model: CatalogModel, report: CapabilityReport): Reason | undefined {
  if (report.deviceMemoryGB !== undefined && model.memoryMB > report.deviceMemoryGB * 1024) {
    return because('not-enough-memory', { memory: formatMegabytes(model.memoryMB), reported: report.deviceMemoryGB });
  }
  if (report.storage && report.storage.quotaBytes > 0) {
    const freeMB = (report.storage.quotaBytes - report.storage.usageBytes) / (1024 * 1024);
    if (model.downloadMB > freeMB) return because('not-enough-storage', { download: formatMegabytes(model.downloadMB), free: formatMegabytes(freeMB) });
  }
  return undefined;
}

function judgeWebLLM(model: CatalogModel, report: CapabilityReport): Omit<ModelRecommendation, 'recommended'> {
  const verdict = (fits: boolean, reason: Reason) => ({ model, fits, ...reason, device: 'webgpu' as const });
  if (!report.webgpu) return verdict(false, because('no-webgpu'));
  if (model.needsShaderF16 && !report.shaderF16) return verdict(false, because('needs-shader-f16'));
  const binding = report.maxStorageBufferBindingSize;
  if (!model.lowResource && binding !== undefined && binding < LARGE_BINDING_BYTES) {
    return verdict(false, because('small-gpu-buffers', { buffer: formatMegabytes(binding / (1024 * 1024)) }));
  }
  const problem = resourceProblem(model, report);
  if (problem) return verdict(false, problem);
  if (report.adapter?.isSoftware) return verdict(true, because('software-gpu'));
  return verdict(true, because('fits-gpu', { memory: formatMegabytes(model.memoryMB) }));
}

function judgeTransformers(model: CatalogModel, report: CapabilityReport): Omit<ModelRecommendation, 'recommended'> {
  const device = hardwareGpu(report) ? ('webgpu' as const) : ('wasm' as const);
  const problem = resourceProblem(model, report);
  if (problem) return { model, fits: false, ...problem, device };
  const code: ReasonCode =
    device === 'webgpu' ? 'transformers-webgpu' : report.webgpu ? 'transformers-wasm-software-gpu' : 'transformers-wasm-no-webgpu';
  return { model, fits: true, ...because(code), device };
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
