import { describe, expect, it } from 'vitest';
import { modelCatalog } from '../../../src/llm/catalog';
import { describeCapabilities, probeCapabilities, probeCapabilitiesInWorker, recommendModels } from '../../../src/llm/capabilities';

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

describe('probeCapabilitiesInWorker', () => {
  it('probes in a dedicated worker and reads the same adapter as the page', async () => {
    let spawned = 0;
    const spawn = (): Worker => {
      spawned += 1;
      return new Worker(new URL('../../../workers/probe.worker.ts', import.meta.url), { type: 'module' });
    };
    const [inWorker, onPage] = await Promise.all([probeCapabilitiesInWorker({ spawn }), probeCapabilities()]);
    expect(spawned).toBe(1);
    expect(inWorker.webgpu).toBe(true);
    expect(inWorker.adapter).toEqual(onPage.adapter);
    expect(inWorker.maxStorageBufferBindingSize).toBe(onPage.maxStorageBufferBindingSize);
    expect(inWorker.cpuCores).toBe(onPage.cpuCores);
  });

  it('probes on the page when the worker cannot start, fails, stays silent or lacks WebGPU', async () => {
    const page = { hardwareConcurrency: 3 };
    const silent = (): Worker => new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' })));
    const failing = (): Worker => new Worker(URL.createObjectURL(new Blob(['throw new Error("no")'], { type: 'text/javascript' })));
    const throwing = (): Worker => {
      throw new Error('no workers here');
    };
    for (const spawn of [throwing, failing, silent]) {
      const report = await probeCapabilitiesInWorker({ spawn, environment: page, timeoutMs: 300 });
      expect(report).toMatchObject({ cpuCores: 3, webgpu: false, webgpuProblemCode: 'no-navigator-gpu' });
    }
    const gpuless = (): Worker =>
      new Worker(URL.createObjectURL(new Blob(['postMessage({ webgpu: false, shaderF16: false, webgpuProblemCode: "no-navigator-gpu" })'], { type: 'text/javascript' })));
    const withGpu = { gpu: { requestAdapter: async () => null } };
    expect(await probeCapabilitiesInWorker({ spawn: gpuless, environment: withGpu })).toMatchObject({ webgpuProblemCode: 'no-adapter' });
  });
});
