import { afterEach, describe, expect, it } from 'vitest';
import type { CapabilityReport } from '../../../src/llm/capabilities';
import { deviceSummary } from '../../../src/ui/first-run/device-summary';
import { setLocale } from '../../../src/ui/i18n';

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;

afterEach(() => setLocale('en'));

describe('deviceSummary', () => {
  it('a real GPU: names it and its largest buffer, the memory and the free storage', () => {
    const report: CapabilityReport = {
      webgpu: true,
      shaderF16: true,
      adapter: { vendor: 'apple', architecture: 'metal-3', device: '', description: '', isSoftware: false },
      maxStorageBufferBindingSize: 512 * MB,
      deviceMemoryGB: 4,
      storage: { usageBytes: 1 * GB, quotaBytes: 3 * GB },
      persisted: true,
    };
    expect(deviceSummary(report, undefined)).toEqual([
      'Graphics: WebGPU on apple metal-3, GPU buffers up to ~512 MB.',
      'Memory: about 4 GB (browsers report at most 8).',
      'Storage: ~2.0 GB free for this site, kept even when space runs low.',
    ]);
  });

  it('a software adapter or no WebGPU: says local models run on the processor', () => {
    const software: CapabilityReport = {
      webgpu: true,
      shaderF16: false,
      adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isSoftware: true },
    };
    expect(deviceSummary(software, undefined)[0]).toMatch(/emulated on the processor/);
    const none: CapabilityReport = { webgpu: false, shaderF16: false };
    const lines = deviceSummary(none, undefined);
    expect(lines[0]).toMatch(/^Graphics: no WebGPU/);
    expect(lines[1]).toBe('Memory: this browser does not say.');
    expect(lines[2]).toBe('Storage: this browser does not say.');
  });

  it('prefers the fresher storage figures of the Models services, and never shows negative space', () => {
    const report: CapabilityReport = { webgpu: false, shaderF16: false, storage: { usageBytes: 0, quotaBytes: 10 * GB } };
    expect(deviceSummary(report, { usageBytes: 11 * GB, quotaBytes: 10 * GB, persisted: false })[2]).toBe(
      'Storage: ~0 MB free for this site; the browser may clear it when space runs low.',
    );
  });

  it('in Chinese', () => {
    setLocale('zh');
    const lines = deviceSummary({ webgpu: false, shaderF16: false, deviceMemoryGB: 8 }, undefined);
    expect(lines[0]).toMatch(/^图形：此浏览器没有 WebGPU/);
    expect(lines[1]).toBe('内存：约 8 GB（浏览器最多报告 8 GB）。');
  });
});
