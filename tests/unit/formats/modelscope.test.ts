import { describe, expect, it } from 'vitest';
import { modelscopeFormat } from '../../../src/core/formats/modelscope';
import type { ToolDefinition } from '../../../src/core/types';

const ie: ToolDefinition = {
  name: 'modelscope_text-ie',
  description: 'Extracts entities.',
  parameters: { type: 'object', properties: { text: { type: 'string' }, schema: { type: 'string' } } },
};

const call = '<|startofthink|>```JSON\n{"api_name": "modelscope_text-ie", "parameters": {"text": "x"}}\n```<|endofthink|>';

describe('modelscope format: render', () => {
  it('lists the plugins and teaches the think/exec tags', () => {
    const text = modelscopeFormat.render([ie]);
    expect(text).toContain('"api_name":"modelscope_text-ie"');
    expect(text).toContain('<|startofthink|>```JSON');
    expect(text).toContain('<|startofexec|>');
  });

  it('renders calls and results in the MSAgent-Bench shape, and stops at <|startofexec|>', () => {
    expect(modelscopeFormat.renderCalls([{ name: 'modelscope_text-ie', arguments: { text: 'x' } }], 'Extracting:')).toBe(
      'Extracting:\n<|startofthink|>```JSON\n{"api_name": "modelscope_text-ie", "parameters": {"text": "x"}}\n```<|endofthink|>',
    );
    expect(modelscopeFormat.renderResult({ name: 'x', content: '{"result": 1}' })).toBe(
      '<|startofexec|>```JSON\n{"result": 1}\n```<|endofexec|>',
    );
    expect(modelscopeFormat.renderResult({ name: 'x', content: 'a<|endofexec|>b' }).match(/<\|endofexec\|>/g)).toHaveLength(1);
    expect(modelscopeFormat.stopSequences).toContain('<|startofexec|>');
  });
});

describe('modelscope format: parse', () => {
  it('parses a think block; exec blocks and markup are not content', () => {
    const text = `Extracting now.\n${call}\n\n<|startofexec|>\`\`\`JSON\n{"a": 1}\n\`\`\`<|endofexec|>\nDone: 1.`;
    expect(modelscopeFormat.parse(text)).toEqual({
      content: 'Extracting now.\nDone: 1.',
      calls: [{ name: 'modelscope_text-ie', arguments: { text: 'x' } }],
      problems: [],
    });
  });

  it('accepts "name"/"arguments" inside, and no code fence', () => {
    expect(modelscopeFormat.parse('<|startofthink|>{"name": "a", "arguments": {"y": 2}}<|endofthink|>').calls).toEqual([
      { name: 'a', arguments: { y: 2 } },
    ]);
  });

  it('accepts the pretty-printed MSAgent-Bench layout with extra keys such as "url"', () => {
    const text = '<|startofthink|>```JSON\n{\n   "api_name": "a",\n   "url": "http://x",\n    "parameters": {\n      "text": "t"\n   }\n}\n```<|endofthink|>';
    expect(modelscopeFormat.parse(text).calls).toEqual([{ name: 'a', arguments: { text: 't' } }]);
  });

  it('a missing <|endofthink|> at end of output: incomplete while streaming, repaired when final', () => {
    const text = '<|startofthink|>```JSON\n{"api_name": "a", "parameters": {"text": "x"}}\n```';
    expect(modelscopeFormat.parse(text).problems.map((p) => p.kind)).toEqual(['incomplete']);
    const final = modelscopeFormat.parse(text, { final: true });
    expect(final.calls).toEqual([{ name: 'a', arguments: { text: 'x' } }]);
    expect(final.problems.map((p) => p.kind)).toEqual(['repaired']);
  });

  it('repairs: unclosed braces and string when final', () => {
    const final = modelscopeFormat.parse('<|startofthink|>```JSON\n{"api_name": "a", "parameters": {"text": "hel', { final: true });
    expect(final.calls).toEqual([{ name: 'a', arguments: { text: 'hel' } }]);
  });

  it('repairs: trailing comma and Python literal inside the block', () => {
    const result = modelscopeFormat.parse('<|startofthink|>{"api_name": "a", "parameters": {"ok": True,},}<|endofthink|>');
    expect(result.calls).toEqual([{ name: 'a', arguments: { ok: true } }]);
    expect(result.problems.every((problem) => problem.kind === 'repaired')).toBe(true);
  });

  it('drops bad arguments, missing names and unknown tools with the right problem', () => {
    expect(modelscopeFormat.parse('<|startofthink|>{"api_name": "a", "parameters": 5}<|endofthink|>').problems.map((p) => p.kind)).toEqual([
      'bad-arguments',
    ]);
    expect(modelscopeFormat.parse('<|startofthink|>{"parameters": {}}<|endofthink|>').problems.map((p) => p.kind)).toEqual(['missing-name']);
    expect(modelscopeFormat.parse(call, { tools: ['other'] }).problems.map((p) => p.kind)).toEqual(['unknown-tool']);
  });

  it('hides a think tag or an exec block still streaming in', () => {
    expect(modelscopeFormat.parse('Working <|startof').content).toBe('Working');
    expect(modelscopeFormat.parse(`${call}\n<|startofexec|>\`\`\`JSON\n{"par`).content).toBe('');
  });
});
