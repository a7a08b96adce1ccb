import { afterEach, describe, expect, it } from 'vitest';
import {
  describeCapabilities,
  probeCapabilities,
  REASON_CODES,
  recommendModels,
  WEBGPU_PROBLEM_CODES,
  type CapabilityReport,
  type ModelRecommendation,
} from '../../../src/llm/capabilities';
import { modelCatalog } from '../../../src/llm/catalog';
import { setLocale } from '../../../src/ui/i18n';
import { capabilitySummary, offerReasonText, reasonText, webgpuProblemText } from '../../../src/ui/models/capability-text';

const GB = 1024 * 1024 * 1024;
const HAN = /\p{Script=Han}/u;
const gpu: CapabilityReport = {
  webgpu: true,
  adapter: { vendor: 'nvidia', architecture: 'ampere', device: '', description: '', isSoftware: false },
  shaderF16: true,
  maxStorageBufferBindingSize: 2 * GB,
  deviceMemoryGB: 8,
  storage: { usageBytes: 0, quotaBytes: 100 * GB },
};
/** Devices that between them produce every reason the recommender gives. */
const devices: CapabilityReport[] = [
  gpu,
  { ...gpu, shaderF16: false },
  { ...gpu, maxStorageBufferBindingSize: 128 * 1024 * 1024 },
  { ...gpu, deviceMemoryGB: 2 },
  { ...gpu, storage: { usageBytes: 9.5 * GB, quotaBytes: 10 * GB } },
  { webgpu: false, shaderF16: false },
  { webgpu: true, shaderF16: false, adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isSoftware: true } },
];
const all: ModelRecommendation[] = devices.flatMap((report) => recommendModels(report, modelCatalog));

afterEach(() => setLocale('en'));

describe('translated capability texts', () => {
  it('the recommender gives every reason code, and in English the UI text is the English reason', () => {
    expect(new Set(all.map((item) => item.reasonCode))).toEqual(new Set(REASON_CODES));
    setLocale('en');
    for (const item of all) expect(reasonText(item)).toBe(item.reason);
  });

  it('in Chinese every reason is Chinese and keeps its numbers', () => {
    setLocale('zh');
    for (const item of all) {
      const text = reasonText(item);
      expect(HAN.test(text), `${item.reasonCode}: ${text}`).toBe(true);
      for (const value of Object.values(item.reasonParams)) expect(text).toContain(String(value));
    }
    const fits = all.find((item) => item.reasonCode === 'fits-gpu');
    expect(fits && offerReasonText(fits)).toMatch(/^需要 ~[\d.]+ [GM]B 显存$/);
  });

  it('the probe gives a code for each WebGPU problem, translated in both languages', async () => {
    const noGpu = await probeCapabilities({});
    const noAdapter = await probeCapabilities({ gpu: { requestAdapter: async () => null } });
    expect([noGpu.webgpuProblemCode, noAdapter.webgpuProblemCode]).toEqual([...WEBGPU_PROBLEM_CODES]);
    setLocale('en');
    expect(webgpuProblemText(noGpu)).toBe(noGpu.webgpuProblem);
    expect(webgpuProblemText(noAdapter)).toBe(noAdapter.webgpuProblem);
    expect(capabilitySummary(noGpu)).toBe(describeCapabilities(noGpu));
    setLocale('zh');
    expect(webgpuProblemText(noGpu)).toBe('此浏览器没有 WebGPU（缺少 navigator.gpu）。');
    expect(HAN.test(webgpuProblemText(noAdapter))).toBe(true);
    expect(capabilitySummary(noGpu)).toContain('本地模型将通过 transformers.js 在处理器上运行');
  });

  it('the device summary matches describeCapabilities in English and is Chinese in Chinese', () => {
    const software = devices[6] as CapabilityReport;
    setLocale('en');
    for (const report of [gpu, devices[1] as CapabilityReport, software]) expect(capabilitySummary(report)).toBe(describeCapabilities(report));
    setLocale('zh');
    expect(capabilitySummary(gpu)).toBe('WebGPU，显卡为 nvidia ampere，支持 shader-f16。');
    expect(capabilitySummary(software)).toContain('软件适配器');
  });
});
