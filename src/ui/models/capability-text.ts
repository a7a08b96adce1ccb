import type { CapabilityReport, ModelRecommendation, ReasonCode, WebGpuProblemCode } from '../../llm/capabilities';
import { t } from './messages';

type ModelsKey = Parameters<typeof t>[0];

/** The message for each fit reason; a Record so that a new code cannot be left untranslated. */
export const REASON_MESSAGES: Record<ReasonCode, ModelsKey> = {
  'no-webgpu': 'reasonNoWebgpu',
  'needs-shader-f16': 'reasonNeedsShaderF16',
  'small-gpu-buffers': 'reasonSmallGpuBuffers',
  'not-enough-memory': 'reasonNotEnoughMemory',
  'not-enough-storage': 'reasonNotEnoughStorage',
  'software-gpu': 'reasonSoftwareGpu',
  'fits-gpu': 'reasonFitsGpu',
  'transformers-webgpu': 'reasonTransformersWebgpu',
  'transformers-wasm-software-gpu': 'reasonTransformersWasmSoftwareGpu',
  'transformers-wasm-no-webgpu': 'reasonTransformersWasmNoWebgpu',
};

/** The message for each reason WebGPU is missing. */
export const WEBGPU_PROBLEM_MESSAGES: Record<WebGpuProblemCode, ModelsKey> = {
  'no-navigator-gpu': 'problemNoNavigatorGpu',
  'no-adapter': 'problemNoAdapter',
};

/** Why a model fits this device or not, in the current language. */
export function reasonText(item: Pick<ModelRecommendation, 'reasonCode' | 'reasonParams'>): string {
  return t(REASON_MESSAGES[item.reasonCode], item.reasonParams);
}

/** The reason for the composer's offer: without the leading "fits:", which the offer already says. */
export function offerReasonText(item: Pick<ModelRecommendation, 'reasonCode' | 'reasonParams'>): string {
  return item.reasonCode === 'fits-gpu' ? t('gpuMemoryNeeded', item.reasonParams) : reasonText(item);
}

/** Why there is no WebGPU, in the current language (a report without a code keeps its own text). */
export function webgpuProblemText(report: CapabilityReport): string {
  if (report.webgpuProblemCode) return t(WEBGPU_PROBLEM_MESSAGES[report.webgpuProblemCode]);
  return report.webgpuProblem ?? t('problemUnknown');
}

/** The one-line device summary of the Models page, in the current language (`describeCapabilities` is the English one). */
export function capabilitySummary(report: CapabilityReport): string {
  if (!report.webgpu) return t('summaryNoWebgpu', { problem: webgpuProblemText(report) });
  const name = [report.adapter?.vendor, report.adapter?.architecture].filter((part) => part).join(' ') || t('unknownGpu');
  return t('summaryWebgpu', {
    name,
    software: report.adapter?.isSoftware ? t('softwareAdapter') : '',
    f16: report.shaderF16 ? t('withF16') : t('withoutF16'),
  });
}
