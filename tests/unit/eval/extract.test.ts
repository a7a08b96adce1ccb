import { describe, expect, it } from 'vitest';
import { hermesFormat } from '../../../src/core/formats';
import { extractPrediction } from '../../../src/eval/extract';
import type { CollectedChat } from '../../../src/llm/collect-chat';

const native = (calls: Array<[string, string]>, text = ''): CollectedChat => ({
  text,
  toolCalls: calls.map(([name, args], index) => ({ index, id: `call_${index}`, name, arguments: args })),
});

describe('extractPrediction', () => {
  it('reads native calls; an empty argument string is {}', () => {
    expect(extractPrediction(native([['a', '{"x": 1}'], ['b', '']]), 'native', null)).toEqual({
      text: '',
      calls: [{ name: 'a', arguments: { x: 1 } }, { name: 'b', arguments: {} }],
      attempted: true,
      problems: [],
    });
  });

  it('repairs damaged JSON (and says so) and drops what cannot be read', () => {
    const prediction = extractPrediction(native([['a', '{"x": 1,}'], ['b', 'x = 1'], ['', '{}']]), 'native', null);
    expect(prediction.calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
    expect(prediction.problems).toHaveLength(3);
    expect(prediction.attempted).toBe(true);
  });

  it('treats a plain answer as no attempt', () => {
    expect(extractPrediction(native([], ' Hello. '), 'native', null)).toEqual({ text: 'Hello.', calls: [], attempted: false, problems: [] });
  });

  it('parses text formats and removes the markup from the text', () => {
    const text = 'Let me check.\n<tool_call>\n{"name": "w", "arguments": {"city": "Paris"}}\n</tool_call>';
    const prediction = extractPrediction(native([], text), 'hermes', hermesFormat);
    expect(prediction).toEqual({ text: 'Let me check.', calls: [{ name: 'w', arguments: { city: 'Paris' } }], attempted: true, problems: [] });
  });
});
