import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  formats,
  getFormat,
  hermesFormat,
  modelscopeFormat,
  openaiFormat,
  parseToolCalls,
  reactFormat,
  repairJson,
  type FormatName,
} from '../../../src/core/formats';

describe('getFormat', () => {
  it('returns each format by its name', () => {
    const names = Object.keys(formats) as FormatName[];
    expect(names).toHaveLength(18);
    for (const name of names) expect(getFormat(name).name).toBe(name);
    // The registry's entries read markup inside code as text; they are those formats by name and syntax.
    expect(Object.values(formats).slice(0, 4).map((format) => format.name)).toEqual([openaiFormat, hermesFormat, reactFormat, modelscopeFormat].map((format) => format.name));
  });

  it('throws on a name that is not a format (a programming error)', () => {
    expect(() => getFormat('constructor' as FormatName)).toThrow(TypeError);
  });

  it('re-exports repairJson', () => {
    expect(repairJson('{a: 1}')).toMatchObject({ value: { a: 1 } });
  });
});

describe('detectFormat', () => {
  it.each([
    ['<tool_call>\n{"name": "a", "arguments": {}}\n</tool_call>', 'hermes'],
    ['<|startofthink|>```JSON\n{"api_name": "a", "parameters": {}}\n```<|endofthink|>', 'modelscope'],
    ['Thought: x\nAction: a\nAction Input: {}', 'react'],
    ['Thought: done\nFinal Answer: 42', 'react'],
    ['{"tool_calls": []}', 'openai'],
    ['Sure: {"name": "a", "arguments": {"x": 1}}', 'openai'],
    ['{"name": "a", "parameters": {}}', 'openai'],
    ['Just an answer with an Action: word inline.', null],
    ['{"name": "Bob", "age": 3}', null],
    ['', null],
  ] as const)('%j → %s', (text, expected) => {
    expect(detectFormat(text)).toBe(expected);
  });

  it('picks the format whose markup comes first', () => {
    expect(detectFormat('<tool_call>{"name": "a", "arguments": {"t": "Action: x\\nAction Input: y"}}</tool_call>')).toBe('hermes');
    expect(detectFormat('Action: a\nAction Input: {"t": "<tool_call>"}')).toBe('react');
  });
});

describe('parseToolCalls', () => {
  it('auto: detects and parses each format', () => {
    for (const format of Object.values(formats)) {
      const text = format.renderCalls([{ name: 'f', arguments: { a: 1 } }]);
      expect(parseToolCalls(text, { format: 'auto' }).calls, format.name).toEqual([{ name: 'f', arguments: { a: 1 } }]);
    }
  });

  it('auto: text without call markup is all content', () => {
    expect(parseToolCalls('  Hello there.  ', { format: 'auto' })).toEqual({ content: 'Hello there.', calls: [], problems: [] });
  });

  it('auto: hides a marker still streaming in, but not in the final text', () => {
    expect(parseToolCalls('Let me check <tool_', { format: 'auto' }).content).toBe('Let me check');
    expect(parseToolCalls('Let me check <tool_', { format: 'auto', final: true }).content).toBe('Let me check <tool_');
  });

  it('a named format parses in that format only', () => {
    const hermes = '<tool_call>{"name": "a", "arguments": {}}</tool_call>';
    expect(parseToolCalls(hermes, { format: 'hermes' }).calls).toHaveLength(1);
    expect(parseToolCalls(hermes, { format: 'modelscope' }).calls).toHaveLength(0);
  });

  it('limits calls to the given tools (definitions or names), dropping others as unknown-tool', () => {
    const text = '<tool_call>{"name": "a", "arguments": {}}</tool_call><tool_call>{"name": "b", "arguments": {}}</tool_call>';
    const result = parseToolCalls(text, {
      format: 'auto',
      tools: [{ name: 'a', description: '', parameters: { type: 'object' } }, 'c'],
    });
    expect(result.calls).toEqual([{ name: 'a', arguments: {} }]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'unknown-tool', message: expect.stringContaining('"b"') })]);
  });

  it('final: true applies the end-of-output repairs; the default does not', () => {
    const text = '<tool_call>{"name": "a", "arguments": {"x": 1}';
    expect(parseToolCalls(text, { format: 'auto' }).calls).toEqual([]);
    expect(parseToolCalls(text, { format: 'auto', final: true }).calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
  });

  it('caps the problem list on hostile text and says how many were left out', () => {
    const text = '<tool_call>{"arguments": {}}</tool_call>'.repeat(500);
    const { problems } = parseToolCalls(text, { format: 'hermes' });
    expect(problems).toHaveLength(101);
    expect(problems.at(-1)?.message).toContain('400 more problems');
  });
});
