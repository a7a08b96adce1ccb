import type { FormatName } from '../../src/core/formats/types';

/** One call as a test model writes it. */
interface Call {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * JSON as the Hugging Face chat templates print it (`tojson`, i.e. Python's `json.dumps`: `", "`
 * and `": "` separators), which is how models trained on those templates write their calls.
 * Written here independently of the code under test, so a test can catch a different spacing.
 */
function dumps(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/,\n */g, ', ').replace(/\n */g, '');
}

/**
 * One tool call as a model of each family writes it (the syntax its chat template and our system
 * text teach, JSON spaced as the templates print it). The prompt's history should repeat these
 * bytes, so a prefix-caching engine keeps what it holds after the answer.
 */
export function modelCallText(format: FormatName, call: Call): string {
  const { name, arguments: args } = call;
  const texts: Record<FormatName, () => string> = {
    hermes: () => `<tool_call>\n${dumps({ name, arguments: args })}\n</tool_call>`,
    openai: () => dumps({ tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: dumps(args) } }] }),
    react: () => `Action: ${name}\nAction Input: ${dumps(args)}`,
    modelscope: () => `<|startofthink|>\`\`\`JSON\n${dumps({ api_name: name, parameters: args })}\n\`\`\`<|endofthink|>`,
    'qwen3-coder': () =>
      `<tool_call>\n<function=${name}>\n${Object.entries(args)
        .map(([key, value]) => `<parameter=${key}>\n${String(value)}\n</parameter>\n`)
        .join('')}</function>\n</tool_call>`,
    glm45: () =>
      `<tool_call>${name}\n${Object.entries(args)
        .map(([key, value]) => `<arg_key>${key}</arg_key>\n<arg_value>${String(value)}</arg_value>\n`)
        .join('')}</tool_call>`,
    'llama3-json': () => `<|python_tag|>${dumps({ name, parameters: args })}`,
    pythonic: () => `[${name}(${Object.entries(args).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', ')})]`,
    mistral: () => `[TOOL_CALLS]${dumps([{ name, arguments: args }])}`,
    deepseek: () =>
      `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>${name}\n\`\`\`json\n${dumps(args)}\n\`\`\`<｜tool▁call▁end｜><｜tool▁calls▁end｜>`,
    functiongemma: () =>
      `<start_function_call>call:${name}{${Object.entries(args)
        .map(([key, value]) => `${key}:<escape>${String(value)}<escape>`)
        .join(',')}}<end_function_call>`,
    granite: () => `<|tool_call|>${dumps([{ name, arguments: args }])}`,
    jamba: () => `<tool_calls>${dumps([{ name, arguments: args }])}</tool_calls>`,
    internlm2: () => `<|action_start|><|plugin|>\n${dumps({ name, parameters: args })}<|action_end|>`,
    'command-r7b': () => `<|START_ACTION|>${dumps([{ tool_call_id: '0', tool_name: name, parameters: args }])}<|END_ACTION|>`,
    functionary: () => `>>>${name}\n${dumps(args)}`,
    'qwen-agent': () => `✿FUNCTION✿: ${name}\n✿ARGS✿: ${dumps(args)}`,
    'react-json': () => `Action:\n\`\`\`\n${dumps({ action: name, action_input: args })}\n\`\`\``,
  };
  return texts[format]();
}
