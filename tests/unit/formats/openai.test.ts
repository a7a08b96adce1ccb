import { describe, expect, it } from 'vitest';
import { openaiFormat } from '../../../src/core/formats/openai';
import type { ToolDefinition } from '../../../src/core/types';

const search: ToolDefinition = {
  name: 'search',
  description: 'Search the web.',
  parameters: { type: 'object', properties: { q: { type: 'string' } } },
};

const nativeCall = '{"tool_calls":[{"id":"call_1","type":"function","function":{"name":"search","arguments":"{\\"q\\":\\"cats\\"}"}}]}';

describe('openai format: render', () => {
  it('lists tools as OpenAI function JSON and asks for a tool_calls object', () => {
    const text = openaiFormat.render([search]);
    expect(text).toContain('"type": "function"');
    expect(text).toContain('"name": "search"');
    expect(text).toContain('{"tool_calls": [{"id": "call_1", "type": "function"');
  });

  it('renders calls as a tool_calls object with arguments as a JSON string', () => {
    const rendered = openaiFormat.renderCalls([{ name: 'search', arguments: { q: 'cats' } }]);
    // The spacing the format's instructions (and the chat templates) show: `", "` and `": "`.
    expect(rendered).toBe('{"tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "search", "arguments": "{\\"q\\": \\"cats\\"}"}}]}');
    expect(openaiFormat.parse(rendered).calls).toEqual([{ name: 'search', arguments: { q: 'cats' } }]);
    expect(JSON.parse(openaiFormat.renderResult({ name: 'search', content: 'x"}' }))).toEqual({ role: 'tool', name: 'search', content: 'x"}' });
  });
});

describe('openai format: parse', () => {
  it('parses a tool_calls object (arguments natively a JSON string: no repair reported)', () => {
    expect(openaiFormat.parse(nativeCall)).toEqual({ content: '', calls: [{ name: 'search', arguments: { q: 'cats' } }], problems: [] });
  });

  it('parses several tool_calls', () => {
    const text = JSON.stringify({
      tool_calls: [
        { id: 'a', type: 'function', function: { name: 'search', arguments: '{"q": "a"}' } },
        { id: 'b', type: 'function', function: { name: 'search', arguments: { q: 'b' } } },
      ],
    });
    expect(openaiFormat.parse(text).calls).toEqual([
      { name: 'search', arguments: { q: 'a' } },
      { name: 'search', arguments: { q: 'b' } },
    ]);
  });

  it('parses a bare {"name", "arguments"} object, "parameters" too, and an array of them', () => {
    expect(openaiFormat.parse('{"name": "search", "arguments": {"q": "x"}}').calls).toEqual([{ name: 'search', arguments: { q: 'x' } }]);
    expect(openaiFormat.parse('{"name": "search", "parameters": {"q": "x"}}').calls).toEqual([{ name: 'search', arguments: { q: 'x' } }]);
    expect(openaiFormat.parse('[{"name": "a", "arguments": {}}, {"name": "b", "parameters": {"y": 2}}]').calls).toEqual([
      { name: 'a', arguments: {} },
      { name: 'b', arguments: { y: 2 } },
    ]);
  });

  it('finds the call in prose and a code fence, and removes both fence and call from content', () => {
    const result = openaiFormat.parse(`I'll search.\n\`\`\`json\n${nativeCall}\n\`\`\`\nOne moment.`);
    expect(result.calls).toEqual([{ name: 'search', arguments: { q: 'cats' } }]);
    expect(result.content).toBe("I'll search.\nOne moment.");
  });

  it('keeps JSON that is not a call in the content', () => {
    const text = 'The data:\n{"city": "Paris", "temp": 18}';
    expect(openaiFormat.parse(text)).toEqual({ content: text, calls: [], problems: [] });
  });

  it('does not take a call-shaped object nested inside other JSON as a call', () => {
    const text = '{"example": {"name": "search", "arguments": {}}}';
    expect(openaiFormat.parse(text).calls).toEqual([]);
  });

  it('unclosed braces at end of output: incomplete and hidden while streaming, closed when final', () => {
    const text = 'Searching.\n{"name": "search", "arguments": {"q": "cats"';
    expect(openaiFormat.parse(text)).toMatchObject({ content: 'Searching.', calls: [], problems: [{ kind: 'incomplete' }] });
    const final = openaiFormat.parse(text, { final: true });
    expect(final.calls).toEqual([{ name: 'search', arguments: { q: 'cats' } }]);
    expect(final.problems).toEqual([expect.objectContaining({ kind: 'repaired', message: expect.stringContaining('closed 2 unclosed brackets') })]);
  });

  it('repairs: arguments string with trailing comma and single quotes', () => {
    const text = `{"tool_calls":[{"function":{"name":"search","arguments":"{'q': 'x',}"}}]}`;
    const result = openaiFormat.parse(text);
    expect(result.calls).toEqual([{ name: 'search', arguments: { q: 'x' } }]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['repaired', 'repaired']);
  });

  it('repairs: bare call with arguments as a JSON-encoded string (reported, not native there)', () => {
    const result = openaiFormat.parse('{"name": "search", "arguments": "{\\"q\\": 1}"}');
    expect(result.calls).toEqual([{ name: 'search', arguments: { q: 1 } }]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'repaired' })]);
  });

  it('repairs: empty arguments string becomes {}', () => {
    const result = openaiFormat.parse('{"tool_calls":[{"function":{"name":"search","arguments":""}}]}');
    expect(result.calls).toEqual([{ name: 'search', arguments: {} }]);
  });

  it('drops a call whose arguments are not an object (bad-arguments) or have no name (missing-name)', () => {
    expect(openaiFormat.parse('{"tool_calls":[{"function":{"name":"search","arguments":"[1]"}}]}').problems.map((p) => p.kind)).toEqual(['bad-arguments']);
    expect(openaiFormat.parse('{"tool_calls":[{"function":{"arguments":"{}"}}]}').problems.map((p) => p.kind)).toEqual(['missing-name']);
  });

  it('drops calls to unknown tools', () => {
    const result = openaiFormat.parse('{"name": "rm_rf", "arguments": {}}', { tools: ['search'] });
    expect(result.calls).toEqual([]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['unknown-tool']);
  });
});
