import { describe, expect, it } from 'vitest';
import { findCatalogModel, modelCatalog } from '../../../src/llm/catalog';
import { describeCapabilities, probeCapabilities, recommendModels, type CapabilityReport } from '../../../src/llm/capabilities';

const GB = 1024 * 1024 * 1024;
const gpu: CapabilityReport = {
  webgpu: true,
  adapter: { vendor: 'nvidia', architecture: 'ampere', device: '', description: '', isSoftware: false },
  shaderF16: true,
  maxBufferSize: 4 * GB,
  maxStorageBufferBindingSize: 2 * GB,
  deviceMemoryGB: 8,
  storage: { usageBytes: 0, quotaBytes: 100 * GB },
};

function entry(report: CapabilityReport, id: string) {
  const found = recommendModels(report, modelCatalog).find((item) => item.model.id === id);
  if (!found) throw new Error(`${id} not in the list`);
  return found;
}

function recommended(report: CapabilityReport) {
  return recommendModels(report, modelCatalog).filter((item) => item.recommended);
}

describe('recommendModels', () => {
  it('judges every model, in catalog order, and recommends exactly one', () => {
    const list = recommendModels(gpu, modelCatalog);
    expect(list.map((item) => item.model)).toEqual(modelCatalog);
    expect(recommended(gpu)).toHaveLength(1);
  });

  it('on a real GPU with 8 GB recommends the best web-llm model within half the memory', () => {
    const [pick] = recommended(gpu);
    expect(pick?.model.engine).toBe('webllm');
    expect(pick?.model.memoryMB).toBeLessThanOrEqual(4096);
    expect(pick?.reason).toMatch(/^fits: needs ~/);
    expect(pick?.device).toBe('webgpu');
  });

  it('explains f16 builds on a GPU without shader-f16 and recommends an f32 build', () => {
    const noF16 = { ...gpu, shaderF16: false };
    const f16 = entry(noF16, 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC');
    expect(f16.fits).toBe(false);
    expect(f16.reason).toContain('needs shader-f16, which this GPU lacks');
    expect(f16.reasonCode).toBe('needs-shader-f16');
    expect(entry(noF16, 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC').fits).toBe(true);
    expect(recommended(noF16)[0]?.model.id).toMatch(/q4f32/);
  });

  it('says when a model needs more memory than the device reports', () => {
    const small = { ...gpu, deviceMemoryGB: 2 };
    const big = entry(small, 'Qwen3-4B-q4f32_1-MLC');
    expect(big.fits).toBe(false);
    expect(big.reason).toBe('needs ~4.2 GB of memory, this device reports 2 GB');
    expect(big).toMatchObject({ reasonCode: 'not-enough-memory', reasonParams: { memory: '~4.2 GB', reported: 2 } });
    expect(entry(small, 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC').fits).toBe(true);
    expect(recommended(small)[0]?.model.memoryMB).toBeLessThanOrEqual(2048);
  });

  it('explains builds that need large GPU buffers', () => {
    const limited = { ...gpu, maxStorageBufferBindingSize: 128 * 1024 * 1024 };
    const phi = entry(limited, 'Phi-3.5-mini-instruct-q4f16_1-MLC');
    expect(phi.fits).toBe(false);
    expect(phi.reason).toBe('needs 1 GB GPU buffers, this GPU allows ~128 MB');
    expect(phi).toMatchObject({ reasonCode: 'small-gpu-buffers', reasonParams: { buffer: '~128 MB' } });
    expect(entry(limited, 'Phi-3.5-mini-instruct-q4f16_1-MLC-1k').fits).toBe(true);
  });

  it('says when the download would not fit in free storage', () => {
    const full = { ...gpu, storage: { usageBytes: 9.5 * GB, quotaBytes: 10 * GB } };
    const item = entry(full, 'Qwen2.5-3B-Instruct-q4f16_1-MLC');
    expect(item.fits).toBe(false);
    expect(item.reason).toMatch(/^needs ~1\.7 GB to download, only ~512 MB of storage is free$/);
  });

  it('without WebGPU says so plainly and recommends transformers.js on WASM', () => {
    const none: CapabilityReport = { webgpu: false, shaderF16: false, webgpuProblem: 'This browser has no WebGPU (navigator.gpu is missing).' };
    expect(entry(none, 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC')).toMatchObject({ fits: false, reason: 'needs WebGPU, which this browser lacks' });
    const onnx = entry(none, 'onnx-community/Qwen2.5-0.5B-Instruct');
    expect(onnx).toMatchObject({ fits: true, device: 'wasm', reason: 'no WebGPU: runs on WASM via transformers.js, slower', reasonCode: 'transformers-wasm-no-webgpu' });
    const [pick] = recommended(none);
    expect(pick?.model.engine).toBe('transformers');
    expect(pick?.device).toBe('wasm');
    expect(describeCapabilities(none)).toContain('no WebGPU');
  });

  it('with only a software adapter (SwiftShader) recommends WASM and says web-llm would be very slow', () => {
    const swiftshader: CapabilityReport = {
      webgpu: true,
      adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader', isSoftware: true },
      shaderF16: false,
      maxStorageBufferBindingSize: 128 * 1024 * 1024,
    };
    expect(entry(swiftshader, 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC').reason).toContain('software GPU');
    const [pick] = recommended(swiftshader);
    expect(pick?.model.engine).toBe('transformers');
    expect(pick?.device).toBe('wasm');
    expect(describeCapabilities(swiftshader)).toContain('software adapter');
  });

  it('a model the device cannot run is never the recommendation', () => {
    const tiny: CapabilityReport = { webgpu: false, shaderF16: false, deviceMemoryGB: 0.25 };
    expect(recommended(tiny)).toEqual([]);
    expect(findCatalogModel('transformers', 'HuggingFaceTB/SmolLM2-360M-Instruct')).toBeDefined();
  });
});

describe('probeCapabilities (fake navigator)', () => {
  it('reads adapter info, shader-f16, limits, memory and storage', async () => {
    const report = await probeCapabilities({
      deviceMemory: 8,
      hardwareConcurrency: 12,
      storage: { estimate: async () => ({ usage: 10, quota: 1000 }), persisted: async () => true },
      gpu: {
        requestAdapter: async () => ({
          features: new Set(['shader-f16']),
          limits: { maxBufferSize: 4 * GB, maxStorageBufferBindingSize: 2 * GB },
          info: { vendor: 'apple', architecture: 'metal-3', device: '', description: '' },
        }),
      },
    });
    expect(report).toEqual({
      webgpu: true,
      shaderF16: true,
      adapter: { vendor: 'apple', architecture: 'metal-3', device: '', description: '', isSoftware: false },
      maxBufferSize: 4 * GB,
      maxStorageBufferBindingSize: 2 * GB,
      deviceMemoryGB: 8,
      cpuCores: 12,
      storage: { usageBytes: 10, quotaBytes: 1000 },
      persisted: true,
    });
  });

  it('explains a missing navigator.gpu and a missing adapter without throwing', async () => {
    expect((await probeCapabilities({})).webgpuProblem).toMatch(/no WebGPU/);
    expect((await probeCapabilities({})).webgpuProblemCode).toBe('no-navigator-gpu');
    const noAdapter = await probeCapabilities({ gpu: { requestAdapter: async () => null } });
    expect(noAdapter.webgpu).toBe(false);
    expect(noAdapter.webgpuProblem).toMatch(/no GPU adapter/);
    expect(noAdapter.webgpuProblemCode).toBe('no-adapter');
    const failing = await probeCapabilities({ gpu: { requestAdapter: () => Promise.reject(new Error('boom')) }, storage: { estimate: () => Promise.reject(new Error('x')) } });
    expect(failing.webgpu).toBe(false);
    expect(failing.storage).toBeUndefined();
  });
});
