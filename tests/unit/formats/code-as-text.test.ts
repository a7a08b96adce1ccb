import { describe, expect, it } from 'vitest';
import { getFormat, parseToolCalls } from '../../../src/core/formats';

/** Issue 14, item 10: markup inside inline code, or in a fence that is not a call fence, is text. */
const CALL = '<tool_call>\n{"name": "search", "arguments": {"q": "paris"}}\n</tool_call>';

describe('markup in code is text', () => {
  it('a `<tool_call>` mentioned in backticks keeps the text after it and the real call that follows', () => {
    const text = `Wrap each call in \`<tool_call>\` tags, like this.\n${CALL}`;
    for (const result of [parseToolCalls(text, { format: 'auto', final: true }), getFormat('hermes').parse(text, { final: true })]) {
      expect(result.content).toBe('Wrap each call in `<tool_call>` tags, like this.');
      expect(result.calls).toEqual([{ name: 'search', arguments: { q: 'paris' } }]);
    }
  });

  it('a JSON call example inside inline code is not a call', () => {
    const text = 'Send `{"name": "search", "arguments": {"q": "x"}}` to search.';
    const result = parseToolCalls(text, { format: 'auto', final: true });
    expect(result.calls).toEqual([]);
    expect(result.content).toBe(text);
  });

  it('a ReAct example in a ```text fence is not a call', () => {
    const text = 'The format is:\n```text\nAction: search\nAction Input: {"q": "x"}\n```\nThat is all.';
    const result = parseToolCalls(text, { format: 'auto', final: true });
    expect(result.calls).toEqual([]);
    expect(result.content).toBe(text);
    expect(getFormat('react').parse(text, { final: true }).calls).toEqual([]);
  });

  it('a Hermes example in a ```python fence is text; a call after it is read', () => {
    const text = `Example:\n\`\`\`python\nprint("<tool_call>{}")\n\`\`\`\n${CALL}`;
    const result = parseToolCalls(text, { format: 'auto', final: true });
    expect(result.calls).toEqual([{ name: 'search', arguments: { q: 'paris' } }]);
    expect(result.content).toBe('Example:\n```python\nprint("<tool_call>{}")\n```');
  });

  it('calls in a ```json fence (a call fence) still count', () => {
    const text = '```json\n{"name": "search", "arguments": {"q": "x"}}\n```';
    expect(parseToolCalls(text, { format: 'auto', final: true }).calls).toEqual([{ name: 'search', arguments: { q: 'x' } }]);
  });

  it('backticks inside a real call keep their content intact', () => {
    const text = '<tool_call>\n{"name": "run", "arguments": {"code": "x = `<b>[1]{2}:|`"}}\n</tool_call>';
    expect(parseToolCalls(text, { format: 'auto', final: true }).calls).toEqual([{ name: 'run', arguments: { code: 'x = `<b>[1]{2}:|`' } }]);
  });
});
