import { describe, expect, it } from 'vitest';
import { collectChat } from '../../../src/core/chat-accumulator';
import { getFormat } from '../../../src/core/formats';
import type { ChatChunk } from '../../../src/core/types';
import { createWebLLMEngine } from '../../../src/llm/webllm';
import { chunk, FakeMLCEngine, usageChunk } from './fake-mlc-engine';

const user = { messages: [{ role: 'user' as const, content: 'What is 2*3?' }] };

describe('web-llm: a thinking model’s <think> block', () => {
  it('streams as reasoning, tags split across deltas; the call after it parses from the text alone', async () => {
    const fake = new FakeMLCEngine({
      answers: [[
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: '<thi' }),
        chunk({ content: 'nk>\nNeed the calc' }),
        chunk({ content: 'ulator.\n</' }),
        chunk({ content: 'think>\n\n<tool_call>\n{"name": "calculator", ' }),
        chunk({ content: '"arguments": {"expression": "2*3"}}\n</tool_call>' }),
        chunk({}, 'stop'),
        usageChunk(20, 30),
      ]],
    });
    const engine = createWebLLMEngine({ modelId: 'Qwen3-1.7B-q4f16_1-MLC', createEngine: () => fake });
    const seen: ChatChunk[] = [];
    const result = await collectChat(engine.chat(user), (item) => seen.push(item));
    expect(seen.filter((item) => item.type === 'reasoning-delta')).toEqual([
      { type: 'reasoning-delta', text: 'Need the calc' },
      { type: 'reasoning-delta', text: 'ulator.\n' },
    ]);
    expect(result.reasoning).toBe('Need the calculator.\n');
    expect(result.text).toBe('<tool_call>\n{"name": "calculator", "arguments": {"expression": "2*3"}}\n</tool_call>');
    expect(getFormat('hermes').parse(result.text).calls).toEqual([expect.objectContaining({ name: 'calculator', arguments: { expression: '2*3' } })]);
    expect(seen.slice(-2)).toEqual([
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 20, completionTokens: 30 } },
    ]);
  });
});
