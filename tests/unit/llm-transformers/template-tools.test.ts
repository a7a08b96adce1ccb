/**
 * The model's own chat template for tools: which templates take tools and which format their family
 * writes; the messages and tools they receive; and the decode + parse path on token ids of a
 * tokenizer whose call markers are special tokens (the tiny-tool-llm fixture).
 */
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeKeepingMarkers, endOfTurnIds, MarkerKeepingStreamer } from '../../../src/llm/transformers/decode';
import { templateInput, toolSupportOf, toolSupportOfTemplate } from '../../../src/llm/transformers/template-tools';
import { createToolCallSplitter, toolCallChunks } from '../../../src/llm/transformers/tool-call-stream';
import type { ChatMessage, ToolDefinition } from '../../../src/core/types';
import { GENERATED_MODELS_DIR, makeTinyLlm, makeTinyToolLlm, TINY_LLM_ID, TINY_TOOL_LLM_ID } from '../../fixtures/make-tiny-llm';

/** Excerpts of the families' published templates: the parts that read tools and write calls. */
const TEMPLATES = {
  qwen25:
    "{%- if tools %}{{- '<|im_start|>system\\n' }}{{- \"# Tools\\n\\n<tools>\" }}{%- for tool in tools %}{{- \"\\n\" }}{{- tool | tojson }}{%- endfor %}" +
    "{{- \"\\n</tools>\\n\\nreturn a json object with function name and arguments within <tool_call></tool_call> XML tags\" }}{%- endif %}" +
    "{%- for tool_call in message.tool_calls %}{{- '<tool_call>\\n{\"name\": \"' }}{{- tool_call.name }}{%- endfor %}",
  qwen3Coder:
    "{%- if tools is iterable and tools | length > 0 %}{{- \"\\n\\n# Tools\\n\\n<tools>\" }}{%- endif %}" +
    "{{- '<tool_call>\\n<function=example_function_name>\\n<parameter=example_parameter_1>' }}",
  llama32:
    '{%- if tools is not none and not tools_in_user_message %}{{- "Environment: ipython\\n" }}{%- endif %}' +
    '{%- for t in tools %}{{- t | tojson(indent=4) }}{%- endfor %}{{- \'{"name": "\' + tool_call.name + \'", "parameters": \' }}',
  lfm2:
    '{%- if tools -%}{%- set ns.system_prompt = ns.system_prompt + "List of tools: <|tool_list_start|>[" -%}' +
    '{%- for tool in tools -%}{%- set ns.system_prompt = ns.system_prompt + (tool | tojson) -%}{%- endfor -%}{%- endif -%}',
  functionGemma:
    "{%- if tools %}{%- for tool in tools %}{{- '<start_function_declaration>' }}{%- endfor %}{%- endif %}" +
    "{%- for tool_call in message['tool_calls'] %}{{- '<start_function_call>call:' + tool_call['function']['name'] }}{%- endfor %}",
  mistral:
    '{%- if tools is not none %}[AVAILABLE_TOOLS]{{ tools|tojson }}[/AVAILABLE_TOOLS]{%- endif %}' +
    '{%- if message.tool_calls is defined %}[TOOL_CALLS]{{ message.tool_calls|tojson }}{%- endif %}',
  chatml: "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endfor %}",
  // Says "tools" only in its text, never reads the variable.
  toolsInText: "{{ 'You have no tools. <tool_call> is not for you.' }}{% for message in messages %}{{ message.content }}{% endfor %}",
  // Reads tools but shows no family we can parse.
  unknownFamily: '{%- if tools %}{{ tools | tojson }}{%- endif %}{% for message in messages %}{{ message.content }}{% endfor %}',
};

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('which templates take tools, and in which format', () => {
  it.each([
    ['qwen25', 'hermes'],
    ['qwen3Coder', 'qwen3-coder'],
    ['llama32', 'llama3-json'],
    ['lfm2', 'pythonic'],
    ['functionGemma', 'functiongemma'],
    ['mistral', 'mistral'],
  ] as const)('%s → %s', (template, format) => {
    expect(toolSupportOfTemplate(TEMPLATES[template])?.format).toBe(format);
  });

  it('keeps our rendering for templates that do not read tools or whose family we cannot parse', () => {
    expect(toolSupportOfTemplate(TEMPLATES.chatml)).toBeUndefined();
    expect(toolSupportOfTemplate(TEMPLATES.toolsInText)).toBeUndefined();
    expect(toolSupportOfTemplate(TEMPLATES.unknownFamily)).toBeUndefined();
  });

  it('notes whether the template writes earlier calls from tool_calls', () => {
    expect(toolSupportOfTemplate(TEMPLATES.qwen25)?.readsToolCalls).toBe(true);
    expect(toolSupportOfTemplate(TEMPLATES.lfm2)?.readsToolCalls).toBe(false);
  });
});

describe('templateInput', () => {
  const history: ChatMessage[] = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Weather in Paris?' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'call-1', name: 'get_weather', arguments: { city: 'Paris' } }] },
    { role: 'tool', toolCallId: 'call-1', name: 'get_weather', content: '{"temp": 21}' },
  ];

  it('gives a tool-aware template OpenAI-style tools, tool_calls and tool messages', () => {
    const support = toolSupportOfTemplate(TEMPLATES.qwen25)!;
    const input = templateInput(support, { messages: history, tools: [weather], toolChoice: 'auto' });
    expect(input.tools).toEqual([{ type: 'function', function: weather }]);
    expect(input.messages[2]).toEqual({
      role: 'assistant',
      content: '',
      tool_calls: [{ id: 'call-1', type: 'function', function: { name: 'get_weather', arguments: { city: 'Paris' } } }],
    });
    expect(input.messages[3]).toEqual({ role: 'tool', content: '{"temp": 21}', tool_call_id: 'call-1', name: 'get_weather' });
  });

  it('writes earlier calls into the text for a template that does not read tool_calls', () => {
    const input = templateInput(toolSupportOfTemplate(TEMPLATES.lfm2), { messages: history, tools: [weather] });
    expect(input.messages[2]).toEqual({ role: 'assistant', content: '[get_weather(city="Paris")]' });
  });

  it('offers no tools when the request has none or says toolChoice none', () => {
    const support = toolSupportOfTemplate(TEMPLATES.qwen25);
    expect(templateInput(support, { messages: history }).tools).toBeUndefined();
    expect(templateInput(support, { messages: history, tools: [weather], toolChoice: 'none' }).tools).toBeUndefined();
  });

  it('without tool support: plain role + content, no tools', () => {
    const input = templateInput(undefined, { messages: history, tools: [weather] });
    expect(input.tools).toBeUndefined();
    expect(input.messages.map((message) => Object.keys(message).sort())).toEqual(history.map(() => ['content', 'role']));
  });
});

describe('the fixture tokenizers (markers as special tokens)', () => {
  let toolTokenizer: PreTrainedTokenizer;
  let plainTokenizer: PreTrainedTokenizer;

  beforeAll(async () => {
    makeTinyLlm();
    makeTinyToolLlm();
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${GENERATED_MODELS_DIR}/`;
    toolTokenizer = await AutoTokenizer.from_pretrained(TINY_TOOL_LLM_ID);
    plainTokenizer = await AutoTokenizer.from_pretrained(TINY_LLM_ID);
  });

  const render = (tokenizer: PreTrainedTokenizer, tools: ToolDefinition[]): string => {
    const input = templateInput(toolSupportOf(tokenizer), { messages: [{ role: 'user', content: 'Weather in Paris?' }], tools });
    return tokenizer.apply_chat_template(input.messages, { add_generation_prompt: true, tokenize: false, ...(input.tools ? { tools: input.tools } : {}) }) as string;
  };

  it('the tool template is recognised (LFM2 style → pythonic); the plain ChatML one is not', () => {
    expect(toolSupportOf(toolTokenizer)).toMatchObject({ format: 'pythonic', callOpeners: ['<|tool_call_start|>'] });
    expect(toolSupportOf(plainTokenizer)).toBeUndefined();
  });

  it('the tools reach the template: the prompt holds its own tool rendering', () => {
    const prompt = render(toolTokenizer, [weather]);
    expect(prompt).toContain('List of tools: <|tool_list_start|>');
    expect(prompt).toContain('"name": "get_weather", "description": "Current weather for a city"');
    expect(prompt.endsWith('<|im_start|>assistant\n')).toBe(true);
  });

  it('a template without tools keeps our rendering: the tools do not reach it', () => {
    const prompt = render(plainTokenizer, [weather]);
    expect(prompt).toBe('<|im_start|>user\nWeather in Paris?<|im_end|>\n<|im_start|>assistant\n');
  });

  /** The answer a LFM2 model writes, as token ids: markers and end of turn are one special token each. */
  const answer = 'Let me check. <|tool_call_start|>[get_weather(city="Paris")]<|tool_call_end|>';
  const answerIds = (): bigint[] => [...toolTokenizer.encode(`${answer}<|im_end|>`, { add_special_tokens: false }).map(BigInt)];

  it('the markers are single special tokens, which skip_special_tokens would drop', () => {
    const ids = answerIds();
    const start = BigInt(toolTokenizer.convert_tokens_to_ids('<|tool_call_start|>'));
    expect(ids.filter((id) => id === start)).toHaveLength(1);
    expect(toolTokenizer.all_special_ids.map(BigInt)).toContain(start);
    expect(toolTokenizer.decode(ids, { skip_special_tokens: true })).not.toContain('<|tool_call_start|>');
  });

  it('decoding keeps the markers and drops only the end of turn', () => {
    const removed = endOfTurnIds(toolTokenizer);
    expect(removed).toContain(BigInt(toolTokenizer.convert_tokens_to_ids('<|im_end|>')));
    expect(removed).not.toContain(BigInt(toolTokenizer.convert_tokens_to_ids('<|tool_call_start|>')));
    expect(decodeKeepingMarkers(toolTokenizer, answerIds(), removed)).toBe(answer);
  });

  it('streams token by token (as generate() calls it) into text and a parsed call', () => {
    const pieces: string[] = [];
    const streamer = new MarkerKeepingStreamer(toolTokenizer, endOfTurnIds(toolTokenizer), (text) => pieces.push(text));
    streamer.put([[1n, 2n, 3n]]); // the prompt: skipped
    for (const id of answerIds()) streamer.put([[id]]);
    streamer.end();
    expect(pieces.join('')).toBe(answer);
    expect(pieces.length).toBeGreaterThan(5);

    const support = toolSupportOf(toolTokenizer)!;
    const splitter = createToolCallSplitter(support.format, support.callOpeners);
    const streamed = pieces.map((piece) => splitter.push(piece)).join('');
    const { text, calls } = splitter.finish();
    expect(streamed + text).toBe('Let me check. ');
    expect(calls).toEqual([{ name: 'get_weather', arguments: { city: 'Paris' } }]);
    expect(toolCallChunks(calls)).toEqual([{ type: 'tool-call-delta', index: 0, name: 'get_weather', argumentsDelta: '{"city":"Paris"}' }]);
  });

  it('holds a token that ends inside a multi-byte character until it is complete', () => {
    const pieces: string[] = [];
    const streamer = new MarkerKeepingStreamer(toolTokenizer, new Set(), (text) => pieces.push(text));
    streamer.put([[0n]]);
    const ids = toolTokenizer.encode('é!', { add_special_tokens: false }).map(BigInt);
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids) streamer.put([[id]]);
    streamer.end();
    expect(pieces.every((piece) => !piece.includes('\uFFFD'))).toBe(true);
    expect(pieces.join('')).toBe('é!');
  });
});

describe('createToolCallSplitter', () => {
  it('never streams a marker split across pieces, and streams text that only looked like one', () => {
    const splitter = createToolCallSplitter('hermes', ['<tool_call>']);
    expect(splitter.push('Hi <tool')).toBe('Hi ');
    expect(splitter.push('s are nice')).toBe('<tools are nice');
    expect(splitter.push(' <tool_')).toBe(' ');
    expect(splitter.push('call>{"name": "f", "arguments": {"a": 1}}</tool_call>')).toBe('');
    expect(splitter.finish()).toEqual({ text: '', calls: [{ name: 'f', arguments: { a: 1 } }] });
  });

  it('gives broken markup back as text, so the agent can ask for the call again', () => {
    const splitter = createToolCallSplitter('pythonic', ['<|tool_call_start|>']);
    expect(splitter.push('Sure <|tool_call_start|>[not a call')).toBe('Sure ');
    expect(splitter.finish()).toEqual({ text: '<|tool_call_start|>[not a call', calls: [] });
  });
});
