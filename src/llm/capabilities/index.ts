/** What this device can run: the probe, and recommendations against the model catalog. */
export type { AdapterSummary, CapabilityReport } from './report';
export { probeCapabilities, type NavigatorLike } from './probe';
export { describeCapabilities, formatMegabytes, recommendModels, type ModelRecommendation } from './recommend';
