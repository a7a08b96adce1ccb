import { describe, expect, it } from 'vitest';
import type { ChatChunk, ChatEngine, ChatRequest } from '../../../src/core/types';
import { buildDataset, generateWithTeacher, parseTeacherAnswer } from '../../../src/data';
import { builtinManifests } from '../../../src/tools/builtins';

/** A teacher double: answers each request with the next scripted text, split into small chunks. */
function scriptedTeacher(answer: (request: ChatRequest) => string): ChatEngine & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    id: 'scripted-teacher',
    capabilities: { nativeToolCalls: false, constrainedOutput: 'none', contextWindow: 8192 },
    requests,
    load: async () => {},
    unload: async () => {},
    async *chat(request: ChatRequest): AsyncIterable<ChatChunk> {
      requests.push(request);
      const text = answer(request);
      for (let i = 0; i < text.length; i += 7) yield { type: 'text-delta', text: text.slice(i, i + 7) };
      yield { type: 'finish', reason: 'stop' };
    },
  };
}

function toolOf(request: ChatRequest): string {
  const prompt = request.messages.at(-1)?.content ?? '';
  return /"name":"(\w+)"/.exec(prompt)?.[1] ?? '';
}

const ANSWERS: Record<string, Record<'en' | 'zh', string>> = {
  calculator: {
    en: 'Sure! Here you go:\n```json\n[{"request": "What is 3 times 7?", "arguments": {"expression": "3 * 7"}},\n {"request": "Add 2 and 2", "arguments": {"expression": 4}},\n {"request": "no args here"},]\n```',
    zh: '[{"request": "三乘以七是多少？", "arguments": {"expression": "3 * 7"}}, {"query": "二加二", "args": "{\\"expression\\": \\"2 + 2\\"}"}]',
  },
  unit_convert: {
    en: '{"requests": [{"request": "5 km in miles?", "arguments": {"value": 5, "from": "km", "to": "mi"}}]}',
    zh: 'not json at all',
  },
};

describe('teacher-written dialogues', () => {
  it('parses tolerant answers and keeps only calls that validate', async () => {
    const engine = scriptedTeacher((request) => {
      const language = request.messages.at(-1)?.content.includes('Chinese') ? 'zh' : 'en';
      return ANSWERS[toolOf(request)]?.[language] ?? '[]';
    });
    const manifests = builtinManifests.filter((manifest) => manifest.name === 'calculator' || manifest.name === 'unit_convert');
    const result = await generateWithTeacher(engine, manifests, { perTool: 3 });
    expect(engine.requests).toHaveLength(4);
    expect(engine.requests[0]?.messages.at(-1)?.content).toContain('Write 3 different requests');
    const users = result.dialogues.map((dialogue) => dialogue.messages[1]?.content);
    expect(users).toEqual(['What is 3 times 7?', '三乘以七是多少？', '二加二', '5 km in miles?']);
    expect(result.dialogues.map((dialogue) => dialogue.language)).toEqual(['en', 'zh', 'zh', 'en']);
    expect(result.dialogues.every((dialogue) => dialogue.source === 'teacher')).toBe(true);
    // "expression": 4 fails the schema; the item without arguments cannot produce a call.
    expect(result.stats.invalidDropped).toBe(2);
  });

  it('feeds the dataset when configured', async () => {
    const engine = scriptedTeacher(() => '[{"request": "What is 6 * 7?", "arguments": {"expression": "6 * 7"}}]');
    const calculator = builtinManifests.filter((manifest) => manifest.name === 'calculator');
    const dataset = await buildDataset({ manifests: calculator, count: 0, teacher: { engine, perTool: 1 }, languages: ['en'], testRatio: 0 });
    expect(dataset.summary.splits.train.bySource.teacher).toBe(1);
    expect(dataset.train).toContain('What is 6 * 7?');
  });

  it('reads answers with prose, fences and small damage, and never throws', () => {
    expect(parseTeacherAnswer("Here: [{'request': 'hi', 'arguments': {'a': 1}}] hope it helps")).toEqual([
      { request: 'hi', arguments: { a: 1 } },
    ]);
    expect(parseTeacherAnswer('["just a request"]')).toEqual([{ request: 'just a request' }]);
    expect(parseTeacherAnswer('[{"request": "x", "call": {"name": "t", "arguments": {"b": 2}}}]')).toEqual([
      { request: 'x', arguments: { b: 2 } },
    ]);
    expect(parseTeacherAnswer('')).toEqual([]);
    expect(parseTeacherAnswer('}{][')).toEqual([]);
  });
});
