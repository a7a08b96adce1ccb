import { describe, expect, it } from 'vitest';
import { reactFormat } from '../../../src/core/formats/react';
import type { ToolDefinition } from '../../../src/core/types';

const calculator: ToolDefinition = {
  name: 'calculator',
  description: 'Evaluates an expression.',
  parameters: { type: 'object', properties: { expression: { type: 'string' } } },
};

describe('react format: render', () => {
  it('teaches the Thought/Action/Action Input/Observation/Final Answer loop and lists the tools', () => {
    const text = reactFormat.render([calculator]);
    expect(text).toContain('calculator: Evaluates an expression. Parameters: {"type":"object"');
    expect(text).toContain('Action: the action to take, should be one of [calculator]');
    expect(text).toContain('Action Input:');
    expect(text).toContain('Final Answer:');
  });

  it('renders calls and results, and stops at "Observation:"', () => {
    expect(reactFormat.renderCalls([{ name: 'calculator', arguments: { expression: '6*7' } }], 'I should compute.')).toBe(
      'Thought: I should compute.\nAction: calculator\nAction Input: {"expression": "6*7"}',
    );
    expect(reactFormat.renderResult({ name: 'calculator', content: '42' })).toBe('Observation: 42');
    expect(reactFormat.stopSequences).toContain('Observation:');
  });
});

describe('react format: parse', () => {
  it('parses Thought / Action / Action Input; the thought is the content', () => {
    const result = reactFormat.parse('Thought: I should compute.\nAction: calculator\nAction Input: {"expression": "6*7"}');
    expect(result).toEqual({ content: 'I should compute.', calls: [{ name: 'calculator', arguments: { expression: '6*7' } }], problems: [] });
  });

  it('takes the Final Answer as the content', () => {
    const result = reactFormat.parse('Thought: I now know the final answer\nFinal Answer: It is 42.\nReally.');
    expect(result).toEqual({ content: 'It is 42.\nReally.', calls: [], problems: [] });
  });

  it('never shows an Observation as content', () => {
    const text = 'Thought: t\nAction: calculator\nAction Input: {"expression": "1"}\nObservation: invented\nThought: more';
    expect(reactFormat.parse(text).content).toBe('t\nmore');
  });

  it('accepts multi-line and fenced Action Input, and quoted or bracketed tool names', () => {
    const text = 'Action: `calculator`\nAction Input: ```json\n{\n  "expression": "2+2"\n}\n```';
    expect(reactFormat.parse(text).calls).toEqual([{ name: 'calculator', arguments: { expression: '2+2' } }]);
    expect(reactFormat.parse('Action: [calculator]\nAction Input: {}').calls).toEqual([{ name: 'calculator', arguments: {} }]);
  });

  it('repairs: text after the Action Input JSON is ignored (and reported)', () => {
    const result = reactFormat.parse('Action: calculator\nAction Input: {"expression": "1"} then I wait');
    expect(result.calls).toEqual([{ name: 'calculator', arguments: { expression: '1' } }]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'repaired', message: expect.stringContaining('ignored text') })]);
  });

  it('parses several Action pairs', () => {
    const text = 'Action: a\nAction Input: {"x": 1}\nAction: b\nAction Input: {"y": 2}';
    expect(reactFormat.parse(text).calls).toEqual([
      { name: 'a', arguments: { x: 1 } },
      { name: 'b', arguments: { y: 2 } },
    ]);
  });

  it('unclosed braces at end of output: incomplete while streaming, closed when final', () => {
    const text = 'Action: calculator\nAction Input: {"expression": "6*7"';
    expect(reactFormat.parse(text)).toMatchObject({ calls: [], problems: [{ kind: 'incomplete' }] });
    const final = reactFormat.parse(text, { final: true });
    expect(final.calls).toEqual([{ name: 'calculator', arguments: { expression: '6*7' } }]);
    expect(final.problems.map((problem) => problem.kind)).toEqual(['repaired']);
  });

  it('unclosed string closed by the next label is repaired (the label proves the input is over)', () => {
    const result = reactFormat.parse('Action: calculator\nAction Input: {"expression": "6*7\nObservation:');
    expect(result.calls).toEqual([{ name: 'calculator', arguments: { expression: '6*7' } }]);
  });

  it('repairs: Python dict with single quotes and True, unquoted keys', () => {
    const result = reactFormat.parse("Action: calculator\nAction Input: {'expression': '1', exact: True}");
    expect(result.calls).toEqual([{ name: 'calculator', arguments: { expression: '1', exact: true } }]);
    expect(result.problems.length).toBeGreaterThanOrEqual(3);
    expect(result.problems.every((problem) => problem.kind === 'repaired')).toBe(true);
  });

  it('repairs: Action Input given as a JSON-encoded string', () => {
    expect(reactFormat.parse('Action: calculator\nAction Input: "{\\"expression\\": \\"1\\"}"').calls).toEqual([
      { name: 'calculator', arguments: { expression: '1' } },
    ]);
  });

  it('drops plain-text Action Input with bad-arguments', () => {
    const result = reactFormat.parse('Action: calculator\nAction Input: 6*7\nObservation:');
    expect(result.calls).toEqual([]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['bad-arguments']);
  });

  it('an Action without Action Input: incomplete while streaming; dropped when final', () => {
    expect(reactFormat.parse('Action: calculator').problems.map((p) => p.kind)).toEqual(['incomplete']);
    const final = reactFormat.parse('Action: calculator', { final: true });
    expect(final.calls).toEqual([]);
    expect(final.problems.map((p) => p.kind)).toEqual(['incomplete']);
  });

  it('an Action Input without an Action is missing-name', () => {
    expect(reactFormat.parse('Action Input: {}').problems.map((p) => p.kind)).toEqual(['missing-name']);
  });

  it('hides a label still streaming in', () => {
    expect(reactFormat.parse('Thought: thinking\nFinal Ans').content).toBe('thinking');
  });

  it('drops unknown tools', () => {
    const result = reactFormat.parse('Action: __proto__\nAction Input: {}', { tools: [calculator] });
    expect(result.calls).toEqual([]);
    expect(result.problems.map((p) => p.kind)).toEqual(['unknown-tool']);
  });
});
