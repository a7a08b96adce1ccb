/** What this device can run: the probe, and recommendations against the model catalog. */
export { WEBGPU_PROBLEM_CODES, type AdapterSummary, type CapabilityReport, type WebGpuProblemCode } from './report';
export { probeCapabilities, type NavigatorLike } from './probe';
export { probeCapabilitiesInWorker, type ProbeInWorkerOptions } from './probe-in-worker';
export {
  describeCapabilities,
  formatMegabytes,
  REASON_CODES,
  recommendModels,
  type ModelRecommendation,
  type ReasonCode,
  type ReasonParams,
} from './recommend';
