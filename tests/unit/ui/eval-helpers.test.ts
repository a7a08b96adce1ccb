import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/eval/metrics/summary';
import { defaultSettings } from '../../../src/store';
import { builtinManifests } from '../../../src/tools/builtins';
import { formatScore } from '../../../src/ui/eval/format';
import { modelLabel, NO_MODEL_LABEL } from '../../../src/ui/eval/model-label';
import { flattenSummary } from '../../../src/app/eval/run-result-store';
import { buildTrainingFile } from '../../../src/app/eval/training-export';

describe('modelLabel', () => {
  it('names a server by model and host, and a local model by engine, id and device', () => {
    const settings = defaultSettings();
    settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:8000/v1', model: ' qwen2.5:7b ' };
    expect(modelLabel(settings)).toBe('qwen2.5:7b @ 127.0.0.1:8000');
    settings.engine = { ...settings.engine, kind: 'webllm', localModelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' };
    expect(modelLabel(settings)).toBe('web-llm: Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    settings.engine = { ...settings.engine, kind: 'transformers', localModelId: 'onnx-community/tiny', localDevice: 'webgpu' };
    expect(modelLabel(settings)).toBe('transformers.js: onnx-community/tiny (webgpu)');
  });

  it('is never empty ("Model: @"): says so while no model is set', () => {
    const settings = defaultSettings();
    expect(modelLabel(settings)).toBe(NO_MODEL_LABEL);
    settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:8000/v1' };
    expect(modelLabel(settings)).toBe(`${NO_MODEL_LABEL} @ 127.0.0.1:8000`);
    expect(modelLabel(settings)).not.toMatch(/^\s*@|@\s*$/);
  });

  it("uses the agent's own engine when it names one, else the settings'", () => {
    const settings = defaultSettings();
    settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen' };
    expect(modelLabel(settings, { engine: { kind: 'default' } })).toBe('qwen @ 127.0.0.1:8000');
    expect(modelLabel(settings, { engine: { kind: 'server', baseUrl: 'https://api.example.com/v1', model: 'gpt-x' } })).toBe('gpt-x @ api.example.com');
    expect(modelLabel(settings, { engine: { kind: 'local', runtime: 'webllm', modelId: 'tiny-MLC' } })).toBe('web-llm: tiny-MLC');
  });
});

describe('flattenSummary', () => {
  it('keeps the metrics that counted something, plus the error rate', () => {
    const scores = { actionEM: true, argument: { correct: 1, predicted: 2, gold: 2, precision: 0.5, recall: 0.5, f1: 0.5 }, rougeL: null, attempted: true, wellFormed: true, calls: 1, hallucinated: 0, noCall: null };
    const flat = flattenSummary(summarize([{ scores, durationMs: 10 }, { error: 'HTTP 500', durationMs: 5 }]));
    expect(flat).toEqual({ actionEM: 1, argumentF1: 0.5, wellFormedCallRate: 1, hallucinatedToolRate: 0, errorRate: 0.5 });
    expect(flattenSummary(summarize([]))).toEqual({});
  });
});

describe('formatScore', () => {
  it('writes three decimals, and the stand-in for a missing value', () => {
    expect(formatScore(2 / 3, 'n/a')).toBe('0.667');
    expect(formatScore(1, 'n/a')).toBe('1.000');
    expect(formatScore(null, 'n/a')).toBe('n/a');
    expect(formatScore(undefined, '—')).toBe('—');
  });
});

describe('buildTrainingFile', () => {
  it('writes opted-in conversations and synthetic dialogues into one JSONL file', async () => {
    const conversations = [
      {
        optIn: true,
        messages: [
          { role: 'user' as const, content: 'What is 6 * 7?' },
          { role: 'assistant' as const, content: '', toolCalls: [{ id: 'c1', name: 'calculator', arguments: { expression: '6 * 7', apiKey: 'sk-secret' } }] },
          { role: 'tool' as const, toolCallId: 'c1', name: 'calculator', content: '42' },
          { role: 'assistant' as const, content: '42.' },
        ],
      },
      { optIn: false, messages: [{ role: 'user' as const, content: 'not for training' }, { role: 'assistant' as const, content: 'ok' }] },
    ];
    const file = await buildTrainingFile(conversations, builtinManifests, { format: 'openai', multiplier: 2.5, synthetic: 3 }, new Date('2026-05-01T10:00:00Z'));
    expect(file.fileName).toBe('tabagent-training-openai-2026-05-01.jsonl');
    expect(file.lines).toBe(4);
    const records = file.text.trimEnd().split('\n').map((line) => JSON.parse(line) as { messages: Array<{ spans?: Array<{ kind: string; weight: number }> }> });
    expect(records).toHaveLength(4);
    expect(file.text).toContain('What is 6 * 7?');
    expect(file.text).not.toContain('not for training');
    expect(file.text).not.toContain('sk-secret');
    expect(records.every((record) => record.messages.some((message) => message.spans?.some((span) => span.kind === 'call' && span.weight === 2.5)))).toBe(true);
    expect(file.summary.splits.train.bySource).toEqual({ template: 3, teacher: 0, conversation: 1 });
    expect(file.summary.splits.test.total).toBe(0);
  });
});
