import { describe, expect, it } from 'vitest';
import { functiongemmaFormat, functionaryFormat, qwenAgentFormat, reactJsonFormat } from '../../../src/core/formats';
import { describeFamily } from './family-cases';

const paris = { name: 'get_weather', arguments: { city: 'Paris', days: 3 } };
const time = { name: 'get_time', arguments: { tz: 'CET' } };

const gemma = (body: string): string => `<start_function_call>${body}<end_function_call>`;
describeFamily('functiongemma: <start_function_call>call:name{...}', {
  format: functiongemmaFormat,
  single: { text: gemma('call:get_weather{city:<escape>Paris<escape>,days:3}'), calls: [paris] },
  several: { text: gemma('call:get_weather{city:<escape>Paris<escape>,days:3}') + gemma('call:get_time{tz:<escape>CET<escape>}'), calls: [paris, time] },
  withText: { text: `Sure, checking.${gemma('call:get_time{tz:<escape>CET<escape>}')}`, calls: [time], content: 'Sure, checking.' },
  streamed: { text: gemma('call:get_time{tz:<escape>CET<escape>}'), calls: [time] },
});

describe('functiongemma values', () => {
  it('reads nested lists and objects, booleans, null, and strings holding punctuation', () => {
    const text = gemma('call:f{a:[1,<escape>x, {y}<escape>],b:{c:true,d:null},e:<escape>a:b,c<escape>,f:-2.5}');
    expect(functiongemmaFormat.parse(text).calls).toEqual([{ name: 'f', arguments: { a: [1, 'x, {y}'], b: { c: true, d: null }, e: 'a:b,c', f: -2.5 } }]);
  });

  it('hides an invented function response', () => {
    const text = `${gemma('call:get_time{tz:<escape>CET<escape>}')}<start_function_response>response:get_time{value:<escape>12:00<escape>}<end_function_response>`;
    expect(functiongemmaFormat.parse(text).content).toBe('');
  });
});

describeFamily('functionary v3: >>>recipient', {
  format: functionaryFormat,
  single: { text: '>>>get_weather\n{"city": "Paris", "days": 3}', calls: [paris] },
  several: { text: '>>>get_weather\n{"city": "Paris", "days": 3}>>>get_time\n{"tz": "CET"}', calls: [paris, time] },
  withText: { text: '>>>all\nLet me check that.>>>get_time\n{"tz": "CET"}', calls: [time], content: 'Let me check that.' },
  streamed: { text: '>>>get_time\n{"tz": "CET"}', calls: [time] },
});

describeFamily('functionary v2: <|recipient|>', {
  format: functionaryFormat,
  single: { text: '<|from|>assistant\n<|recipient|>get_weather\n<|content|>{"city": "Paris", "days": 3}<|stop|>', calls: [paris] },
  several: {
    text: '<|from|>assistant\n<|recipient|>get_weather\n<|content|>{"city": "Paris", "days": 3}\n<|from|>assistant\n<|recipient|>get_time\n<|content|>{"tz": "CET"}<|stop|>',
    calls: [paris, time],
  },
  withText: {
    text: '<|from|>assistant\n<|recipient|>all\n<|content|>Checking.\n<|from|>assistant\n<|recipient|>get_time\n<|content|>{"tz": "CET"}<|stop|>',
    calls: [time],
    content: 'Checking.',
  },
  streamed: { text: '<|from|>assistant\n<|recipient|>get_time\n<|content|>{"tz": "CET"}', calls: [time] },
});

describeFamily('qwen-agent: ✿FUNCTION✿ / ✿ARGS✿', {
  format: qwenAgentFormat,
  single: { text: '✿FUNCTION✿: get_weather\n✿ARGS✿: {"city": "Paris", "days": 3}', calls: [paris] },
  several: { text: '✿FUNCTION✿: get_weather\n✿ARGS✿: {"city": "Paris", "days": 3}\n✿FUNCTION✿: get_time\n✿ARGS✿: {"tz": "CET"}', calls: [paris, time] },
  withText: {
    text: 'I should check the time.\n✿FUNCTION✿: get_time\n✿ARGS✿: {"tz": "CET"}\n✿RESULT✿: 12:00\n✿RETURN✿: It is noon.',
    calls: [time],
    content: 'I should check the time.\nIt is noon.',
  },
  streamed: { text: '✿FUNCTION✿: get_time\n✿ARGS✿: {"tz": "CET"}', calls: [time] },
});

const blob = (json: string): string => `Action:\n\`\`\`json\n${json}\n\`\`\``;
describeFamily('react-json: Action + {"action", "action_input"} blob', {
  format: reactJsonFormat,
  single: { text: blob('{"action": "get_weather", "action_input": {"city": "Paris", "days": 3}}'), calls: [paris] },
  several: {
    text: `${blob('{"action": "get_weather", "action_input": {"city": "Paris", "days": 3}}')}\n${blob('{\n  "action": "get_time",\n  "action_input": {"tz": "CET"}\n}')}`,
    calls: [paris, time],
  },
  withText: { text: `Thought: I need the time.\n${blob('{"action": "get_time", "action_input": {"tz": "CET"}}')}`, calls: [time], content: 'Thought: I need the time.' },
  streamed: { text: blob('{"action": "get_time", "action_input": {"tz": "CET"}}'), calls: [time] },
});

describe('react-json answers and inputs', () => {
  it('treats the "Final Answer" action as the answer', () => {
    const text = `Thought: I know it.\n${blob('{"action": "Final Answer", "action_input": "It is noon."}')}`;
    expect(reactJsonFormat.parse(text)).toEqual({ content: 'It is noon.', calls: [], problems: [] });
  });

  it('passes a string action_input as {"input": ...} and reads an unfenced blob', () => {
    const result = reactJsonFormat.parse('{"action": "search", "action_input": "weather in Paris"}');
    expect(result.calls).toEqual([{ name: 'search', arguments: { input: 'weather in Paris' } }]);
    expect(result.problems.map((item) => item.kind)).toEqual(['repaired']);
  });

  it('leaves other JSON and code fences as content', () => {
    const text = 'Here is config:\n```json\n{"name": "x", "value": 1}\n```\nUse it.';
    expect(reactJsonFormat.parse(text)).toEqual({ content: text, calls: [], problems: [] });
    // A fence at the very end may still open a blob while streaming; the final text shows it.
    expect(reactJsonFormat.parse('Done:\n```', { final: true }).content).toBe('Done:\n```');
  });
});
