import { describe, expect, it } from 'vitest';
import { detectFormat, parseToolCalls } from '../../../src/core/formats';

describe('detectFormat: every family', () => {
  it.each([
    ['<tool_call>\n{"name": "f", "arguments": {}}\n</tool_call>', 'hermes'],
    ['<tool_call>\n<function=f>\n</function>\n</tool_call>', 'qwen3-coder'],
    ['<tool_call>\n<func', 'qwen3-coder'],
    ['<function=f>{"a": 1}</function>', 'qwen3-coder'],
    ['<tool_call>f\n<arg_key>a</arg_key>\n<arg_value>1</arg_value>\n</tool_call>', 'glm45'],
    ['<|python_tag|>{"name": "f", "parameters": {}}', 'llama3-json'],
    ['{"name": "f", "parameters": {}}', 'openai'],
    ['[get_weather(city="Paris")]', 'pythonic'],
    ['Sure.\n  [f()]', 'pythonic'],
    ['<|tool_call_start|>[f(a=1)]<|tool_call_end|>', 'pythonic'],
    ['<function_calls>\nf(a=1)\n</function_calls>', 'pythonic'],
    ['[TOOL_CALLS] [{"name": "f", "arguments": {}}]', 'mistral'],
    ['[TOOL_CALLS]f[ARGS]{}', 'mistral'],
    ['<|tool_call|>[{"name": "f", "arguments": {}}]', 'granite'],
    ['[{"name": "f", "arguments": {}}]', 'openai'],
    ['<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>f<｜tool▁sep｜>{}<｜tool▁call▁end｜><｜tool▁calls▁end｜>', 'deepseek'],
    ['<start_function_call>call:f{}<end_function_call>', 'functiongemma'],
    ['<|action_start|><|plugin|>\n{"name": "f", "parameters": {}}<|action_end|>', 'internlm2'],
    ['<tool_calls>[{"name": "f", "arguments": {}}]</tool_calls>', 'jamba'],
    ['<|START_ACTION|>[{"tool_call_id": "0", "tool_name": "f", "parameters": {}}]<|END_ACTION|>', 'command-r7b'],
    ['>>>f\n{"a": 1}', 'functionary'],
    ['>>>all\nHello>>>f\n{}', 'functionary'],
    ['<|from|>assistant\n<|recipient|>f\n<|content|>{}', 'functionary'],
    ['✿FUNCTION✿: f\n✿ARGS✿: {}', 'qwen-agent'],
    ['Action:\n```json\n{"action": "f", "action_input": {}}\n```', 'react-json'],
    ['Action: f\nAction Input: {}', 'react'],
  ] as const)('%j → %s', (text, expected) => {
    expect(detectFormat(text)).toBe(expected);
  });

  it.each([
    'Plain prose, nothing to see.',
    'See [1] and [Click](https://x.y).',
    '>>> import os\n>>> os.getcwd()',
    'Use `a[i](x)` in code.',
    'The function f(x) = 2x.',
    '<b>bold</b> and <i>italic</i>',
  ])('%j → null', (text) => {
    expect(detectFormat(text)).toBeNull();
  });

  it('picks the family whose markup comes first', () => {
    expect(detectFormat('[TOOL_CALLS]f[ARGS]{"t": "<tool_call>"}')).toBe('mistral');
    expect(detectFormat('<tool_call>\n{"name": "f", "arguments": {"t": "[TOOL_CALLS]"}}\n</tool_call>')).toBe('hermes');
  });

  it('stays cheap on long text without markers (it runs on every streamed delta)', () => {
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(25_000); // ~1.1 MB
    const started = performance.now();
    for (let k = 0; k < 10; k++) expect(detectFormat(prose)).toBeNull();
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('auto hides a new family marker while it streams in, but not in the final text', () => {
    for (const partial of ['[TOOL_CA', '<|python_t', '<｜tool▁ca', '<start_function', '✿FUNC', '<|START_AC']) {
      expect(parseToolCalls(`Hi ${partial}`, { format: 'auto' }).content).toBe('Hi');
      expect(parseToolCalls(`Hi ${partial}`, { format: 'auto', final: true }).content).toBe(`Hi ${partial}`);
    }
  });
});

describe('auto: an unfinished last call waits while streaming and is repaired when final', () => {
  it.each([
    ['[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"', { city: 'Paris' }],
    ['<tool_call>\n<function=get_weather>\n<parameter=city>\nParis', { city: 'Paris' }],
    ['<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris', { city: 'Paris' }],
    ['<start_function_call>call:get_weather{city:<escape>Paris', { city: 'Paris' }],
    ['<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{"city": "Paris"', { city: 'Paris' }],
    ['Action:\n```json\n{"action": "get_weather", "action_input": {"city": "Paris"}', { city: 'Paris' }],
    ['✿FUNCTION✿: get_weather\n✿ARGS✿: {"city": "Paris"', { city: 'Paris' }],
    ['>>>get_weather\n{"city": "Paris"', { city: 'Paris' }],
    ['<|tool_call|>[{"name": "get_weather", "arguments": {"city": "Paris"}', { city: 'Paris' }],
    ['<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"', { city: 'Paris' }],
  ] as const)('%j', (text, args) => {
    const streaming = parseToolCalls(text, { format: 'auto' });
    expect(streaming.calls).toEqual([]);
    expect(streaming.problems.map((item) => item.kind)).toContain('incomplete');
    const final = parseToolCalls(text, { format: 'auto', final: true });
    expect(final.calls).toEqual([{ name: 'get_weather', arguments: args }]);
    expect(final.problems.map((item) => item.kind)).toContain('repaired');
  });
});
