import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { formats } from '../../../src/core/formats';
import { findCatalogModel, modelCatalog, toolModeForModel, transformersModels, webllmModels } from '../../../src/llm/catalog';

const prebuilt = new Map(prebuiltAppConfig.model_list.map((record) => [record.model_id, record]));

describe('model catalog', () => {
  it.each(webllmModels.map((model) => [model.id, model]))('%s is a web-llm prebuilt model with matching facts', (_id, model) => {
    const record = prebuilt.get(model.id);
    expect(record, `${model.id} is not in web-llm's prebuiltAppConfig`).toBeDefined();
    if (!record) return;
    expect(model.memoryMB).toBe(Math.round(record.vram_required_MB ?? model.memoryMB));
    expect(model.contextWindow).toBe(record.overrides?.context_window_size ?? 4096);
    expect(model.lowResource).toBe(record.low_resource_required ?? false);
    if (record.required_features?.includes('shader-f16')) expect(model.needsShaderF16).toBe(true);
  });

  it('has unique ids, positive sizes and a tool mode for every model', () => {
    const keys = modelCatalog.map((model) => `${model.engine}:${model.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const model of modelCatalog) {
      expect(model.downloadMB).toBeGreaterThan(0);
      expect(model.memoryMB).toBeGreaterThan(0);
      expect(Object.keys(formats)).toContain(model.toolMode);
    }
  });

  it('covers the families the brief asks for, on both engines', () => {
    const ids = webllmModels.map((model) => model.id).join(' ');
    for (const name of [
      'Qwen2.5-0.5B',
      'Qwen2.5-3B',
      'Qwen3-0.6B',
      'Qwen3-4B',
      'Qwen3-8B',
      'Qwen3.5-0.8B',
      'Qwen3.5-4B',
      'Llama-3.2-1B',
      'Llama-3.2-3B',
      'Hermes-3-Llama-3.2-3B',
      'Hermes-3-Llama-3.1-8B',
      'Phi-3.5-mini',
      'Phi-4-mini',
    ]) {
      expect(ids).toContain(name);
    }
    expect(transformersModels.map((model) => model.id)).toEqual(
      expect.arrayContaining(['onnx-community/Qwen2.5-0.5B-Instruct', 'onnx-community/Qwen3-0.6B-ONNX']),
    );
    // Both precisions for every f16 build, so GPUs without shader-f16 have an alternative.
    for (const model of webllmModels.filter((candidate) => candidate.needsShaderF16 && !candidate.id.includes('Phi'))) {
      expect(findCatalogModel('webllm', model.id.replace('q4f16', 'q4f32'))).toBeDefined();
    }
  });

  it('marks the thinking families (Qwen3, Qwen3.5) and only them as thinking', () => {
    for (const model of modelCatalog) {
      expect(model.thinking, model.id).toBe(model.family === 'qwen3' || model.family === 'qwen3.5');
    }
    expect(findCatalogModel('webllm', 'Qwen3-0.6B-q4f16_1-MLC')?.thinking).toBe(true);
    expect(findCatalogModel('webllm', 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC')?.thinking).toBe(false);
  });

  it('gives each family the tool format its template teaches', () => {
    expect(toolModeForModel('webllm', 'Qwen3.5-2B-q4f16_1-MLC')).toBe('qwen3-coder');
    expect(toolModeForModel('webllm', 'Hermes-3-Llama-3.1-8B-q4f16_1-MLC')).toBe('hermes');
    expect(toolModeForModel('webllm', 'Phi-4-mini-instruct-q4f16_1-MLC')).toBe('hermes');
    expect(findCatalogModel('webllm', 'Phi-4-mini-instruct-q4f16_1-MLC')?.nativeFormat).toBeDefined();
  });

  it('gives Qwen and Hermes the hermes format and unknown models a readable fallback', () => {
    expect(toolModeForModel('webllm', 'Qwen3-1.7B-q4f16_1-MLC')).toBe('hermes');
    expect(toolModeForModel('webllm', 'Hermes-3-Llama-3.2-3B-q4f16_1-MLC')).toBe('hermes');
    expect(toolModeForModel('transformers', 'someone/qwen-custom')).toBe('hermes');
    expect(toolModeForModel('webllm', 'Llama-3.2-3B-Instruct-q4f16_1-MLC')).toBe('llama3-json');
    expect(toolModeForModel('transformers', 'someone/Llama-3-tuned')).toBe('llama3-json');
    expect(toolModeForModel('transformers', 'someone/other-model')).toBe('react');
  });
});
