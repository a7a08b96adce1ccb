import { describe, expect, it } from 'vitest';
import { modelCatalog } from '../../../src/llm/catalog';
import { describeCapabilities, probeCapabilities, recommendModels } from '../../../src/llm/capabilities';

describe('probeCapabilities in headless Chromium (SwiftShader WebGPU)', () => {
  it('finds the software adapter, no shader-f16, real limits and a storage estimate', async () => {
    const report = await probeCapabilities();
    expect(report.webgpu).toBe(true);
    expect(report.adapter?.isSoftware).toBe(true);
    expect(`${report.adapter?.vendor} ${report.adapter?.architecture}`).toMatch(/swiftshader|google/i);
    expect(report.shaderF16).toBe(false);
    expect(report.maxBufferSize).toBeGreaterThan(0);
    expect(report.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(128 * 1024 * 1024);
    expect(report.storage?.quotaBytes).toBeGreaterThan(0);
    expect(describeCapabilities(report)).toContain('software adapter');
  });

  it('explains every f16 build and recommends transformers.js on WASM here', async () => {
    const report = await probeCapabilities();
    const list = recommendModels(report, modelCatalog);
    for (const item of list.filter((entry) => entry.model.needsShaderF16)) {
      expect(item.fits).toBe(false);
      expect(item.reason).toContain('needs shader-f16, which this GPU lacks');
    }
    const recommended = list.filter((item) => item.recommended);
    expect(recommended).toHaveLength(1);
    expect(recommended[0]?.model.engine).toBe('transformers');
    expect(recommended[0]?.device).toBe('wasm');
  });
});
