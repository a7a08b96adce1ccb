import { describe, expect, it } from 'vitest';
import { hermesFormat } from '../../../src/core/formats/hermes';
import type { ToolDefinition } from '../../../src/core/types';

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const kinds = (text: string, final = false) => hermesFormat.parse(text, { final }).problems.map((problem) => problem.kind);

describe('hermes format: render', () => {
  it('lists tools as JSON function signatures inside <tools></tools>, as the Qwen2.5/Hermes template does', () => {
    const text = hermesFormat.render([weather]);
    expect(text).toContain('<tools>\n{"type":"function","function":{"name":"get_weather"');
    expect(text).toContain('</tools>');
    expect(text).toContain('<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>');
  });

  it('renders calls as <tool_call> blocks after the content, and results as <tool_response>', () => {
    expect(hermesFormat.renderCalls([{ name: 'get_weather', arguments: { city: 'Paris' } }], 'Let me check.')).toBe(
      'Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>',
    );
    expect(hermesFormat.renderResult({ name: 'get_weather', content: '18°C' })).toBe('<tool_response>\n18°C\n</tool_response>');
  });

  it('escapes a close tag inside a result so it cannot end the block early', () => {
    const rendered = hermesFormat.renderResult({ name: 'x', content: 'a</tool_response>b' });
    expect(rendered.match(/<\/tool_response>/g)).toHaveLength(1);
  });

  it('stops before an invented tool response', () => {
    expect(hermesFormat.stopSequences).toContain('<tool_response>');
  });
});

describe('hermes format: parse', () => {
  it('parses one call and keeps the surrounding text as content', () => {
    const result = hermesFormat.parse('Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>');
    expect(result).toEqual({ content: 'Let me check.', calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], problems: [] });
  });

  it('parses several calls in a row', () => {
    const text = '<tool_call>\n{"name": "a", "arguments": {}}\n</tool_call>\n<tool_call>\n{"name": "b", "arguments": {"x": 1}}\n</tool_call>';
    expect(hermesFormat.parse(text).calls).toEqual([
      { name: 'a', arguments: {} },
      { name: 'b', arguments: { x: 1 } },
    ]);
  });

  it('accepts "parameters" instead of "arguments"', () => {
    expect(hermesFormat.parse('<tool_call>{"name": "a", "parameters": {"x": 1}}</tool_call>').calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
  });

  it('tolerates a code fence inside the tags', () => {
    const result = hermesFormat.parse('<tool_call>\n```json\n{"name": "a", "arguments": {"x": 1}}\n```\n</tool_call>');
    expect(result.calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
    expect(result.problems).toEqual([]);
  });

  it('keeps a close tag that sits inside a string argument', () => {
    const text = hermesFormat.renderCalls([{ name: 'echo', arguments: { text: 'a </tool_call> b <tool_call> c' } }]);
    expect(hermesFormat.parse(text).calls).toEqual([{ name: 'echo', arguments: { text: 'a </tool_call> b <tool_call> c' } }]);
  });

  it('a missing closing tag at end of output: incomplete while streaming, repaired when final', () => {
    const text = 'Sure.\n<tool_call>\n{"name": "a", "arguments": {"x": 1}}';
    expect(hermesFormat.parse(text)).toMatchObject({ content: 'Sure.', calls: [], problems: [{ kind: 'incomplete' }] });
    const final = hermesFormat.parse(text, { final: true });
    expect(final.calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
    expect(final.problems).toEqual([expect.objectContaining({ kind: 'repaired', message: expect.stringContaining('</tool_call>') })]);
  });

  it('unclosed braces at end of output: incomplete while streaming, closed when final', () => {
    const text = '<tool_call>{"name":"a","arguments":{"x":1}';
    expect(hermesFormat.parse(text).calls).toEqual([]);
    expect(kinds(text)).toEqual(['incomplete']);
    expect(hermesFormat.parse(text, { final: true }).calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
    expect(kinds(text, true)).toEqual(['repaired', 'repaired']);
  });

  it('an unclosed string at end of output is closed when final', () => {
    expect(hermesFormat.parse('<tool_call>{"name":"say","arguments":{"text":"hello wor', { final: true }).calls).toEqual([
      { name: 'say', arguments: { text: 'hello wor' } },
    ]);
  });

  it('repairs a missing brace before the close tag even while streaming (the tag proves the call is over)', () => {
    const result = hermesFormat.parse('<tool_call>{"name": "a", "arguments": {"x": 1}</tool_call> done');
    expect(result.calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
    expect(result.content).toBe('done');
    expect(result.problems.map((problem) => problem.kind)).toEqual(['repaired']);
  });

  it('repairs: trailing comma, single quotes, Python literals inside the call', () => {
    const result = hermesFormat.parse("<tool_call>{'name': 'a', 'arguments': {'flag': True, 'n': None,},}</tool_call>");
    expect(result.calls).toEqual([{ name: 'a', arguments: { flag: true, n: null } }]);
    expect(result.problems.every((problem) => problem.kind === 'repaired')).toBe(true);
    expect(result.problems.length).toBeGreaterThanOrEqual(3);
  });

  it('repairs: arguments given as a JSON-encoded string', () => {
    const result = hermesFormat.parse('<tool_call>{"name": "a", "arguments": "{\\"x\\": 1}"}</tool_call>');
    expect(result.calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'repaired', message: expect.stringContaining('JSON-encoded string') })]);
  });

  it('drops arguments that are not an object with bad-arguments', () => {
    expect(kinds('<tool_call>{"name": "a", "arguments": [1, 2]}</tool_call>')).toEqual(['bad-arguments']);
    expect(kinds('<tool_call>{"name": "a", "arguments": "just text"}</tool_call>')).toEqual(['bad-arguments']);
  });

  it('drops a call without a name with missing-name', () => {
    expect(kinds('<tool_call>{"arguments": {}}</tool_call>')).toEqual(['missing-name']);
  });

  it('reports unreadable JSON between tags as invalid-json and keeps going', () => {
    const result = hermesFormat.parse('<tool_call>not json</tool_call>\n<tool_call>{"name": "b", "arguments": {}}</tool_call>');
    expect(result.calls).toEqual([{ name: 'b', arguments: {} }]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['invalid-json']);
  });

  it('drops calls to unknown tools when tools are given', () => {
    const result = hermesFormat.parse('<tool_call>{"name": "constructor", "arguments": {}}</tool_call>', { tools: [weather] });
    expect(result.calls).toEqual([]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['unknown-tool']);
  });

  it('hides an opening tag still streaming in, and an invented tool response', () => {
    expect(hermesFormat.parse('Checking <tool_c').content).toBe('Checking');
    expect(hermesFormat.parse('Checking <tool_c', { final: true }).content).toBe('Checking <tool_c');
    const text = '<tool_call>{"name": "a", "arguments": {}}</tool_call>\n<tool_response>\nfake\n</tool_response>\nok';
    expect(hermesFormat.parse(text).content).toBe('ok');
  });

  it('parses a JSON array of calls inside one block', () => {
    expect(hermesFormat.parse('<tool_call>[{"name": "a", "arguments": {}}, {"name": "b", "arguments": {}}]</tool_call>').calls).toHaveLength(2);
  });
});
