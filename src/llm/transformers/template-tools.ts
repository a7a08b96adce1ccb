/**
 * The model's own chat template for tools: whether the loaded template takes `tools`, which call
 * format its family writes, and the OpenAI-style messages and tool list such templates read
 * (the shape Hugging Face templates are written against: `tool_calls[].function.{name, arguments}`
 * on assistant turns, `role: 'tool'` results).
 */
import type { Message, PreTrainedTokenizer } from '@huggingface/transformers';
import { getFormat } from '../../core/formats';
import { LLAMA3_CALL_OPENERS } from '../../core/grammar';
import type { FormatName } from '../../core/formats/types';
import type { ChatMessage, ChatRequest, ToolDefinition } from '../../core/types';

/** How a family marks its calls in the template source, and the format we parse them with. */
interface TemplateFamily {
  format: FormatName;
  /** Any of these in the template source names the family. */
  signs: readonly string[];
  /** Text that opens a call in the model's output (held back from the text stream). */
  callOpeners: readonly string[];
}

/**
 * Checked in order: the specific markers first, `<tool_call>` (shared by Hermes, Qwen and
 * Qwen3-Coder) near the end, so a template that merely mentions another family's tag is not misread.
 */
const FAMILIES: readonly TemplateFamily[] = [
  { format: 'functiongemma', signs: ['<start_function_call>'], callOpeners: ['<start_function_call>'] },
  // LFM2 lists tools between `<|tool_list_start|>` tags and writes calls in the assistant's text.
  { format: 'pythonic', signs: ['<|tool_call_start|>', '<|tool_list_start|>'], callOpeners: ['<|tool_call_start|>'] },
  { format: 'mistral', signs: ['[TOOL_CALLS]'], callOpeners: ['[TOOL_CALLS]'] },
  { format: 'deepseek', signs: ['<｜tool▁calls▁begin｜>', '<｜tool▁call▁begin｜>'], callOpeners: ['<｜tool▁calls▁begin｜>', '<｜tool▁call▁begin｜>'] },
  // Llama 3.1–3.3: `<|python_tag|>` before built-in calls, bare JSON for the tools we pass.
  { format: 'llama3-json', signs: ['<|python_tag|>', 'Environment: ipython'], callOpeners: LLAMA3_CALL_OPENERS },
  { format: 'granite', signs: ['<|tool_call|>'], callOpeners: ['<|tool_call|>'] },
  { format: 'qwen3-coder', signs: ['<function='], callOpeners: ['<tool_call>'] },
  { format: 'hermes', signs: ['<tool_call>'], callOpeners: ['<tool_call>'] },
];

/** What the engine knows about a template that takes tools. */
export interface TemplateToolSupport {
  /** The format the family writes its calls in (parsed with `getFormat(format)`). */
  format: FormatName;
  /** Text that opens a call in the output: streamed text stops there until the call is parsed. */
  callOpeners: readonly string[];
  /**
   * The template writes earlier calls from `tool_calls` itself. When it does not (it expects the
   * calls in the assistant's text, as LFM2's does), they are written there in the family's format.
   */
  readsToolCalls: boolean;
  /**
   * The template knows think blocks (`<think>` or Qwen3's `enable_thinking`): its model may think
   * before answering, so the tool-call grammar allows one think block first unless thinking is off.
   */
  thinks: boolean;
}

/** Signs of a template whose model thinks first. */
const THINK_SIGNS = ['<think>', 'enable_thinking'] as const;

const TOOLS_VARIABLE = /\btools\b/;

/**
 * A tag's code without its string literals, where "tools" is text the template prints, not a
 * variable. One pass: an unclosed literal runs to the end (a regex would retry from every quote).
 */
function withoutStrings(code: string): string {
  let out = '';
  let quote = '';
  for (let index = 0; index < code.length; index += 1) {
    const char = code.charAt(index);
    if (quote === '') {
      if (char === "'" || char === '"') quote = char;
      else out += char;
    } else if (char === '\\') {
      index += 1;
    } else if (char === quote) {
      quote = '';
      out += ' ';
    }
  }
  return out;
}

/**
 * True when the Jinja source reads a `tools` variable inside a tag (`{{ … }}`, `{% … %}`), not when
 * "tools" only appears in its text or string literals. One pass with `indexOf`: linear in the
 * source, however many unclosed tags a (custom, untrusted) template holds.
 */
export function templateReadsTools(source: string): boolean {
  let expression = source.indexOf('{{');
  let statement = source.indexOf('{%');
  for (;;) {
    if (expression === -1 && statement === -1) return false;
    const isExpression = statement === -1 || (expression !== -1 && expression < statement);
    const open = isExpression ? expression : statement;
    const close = source.indexOf(isExpression ? '}}' : '%}', open + 2);
    if (close === -1) return false;
    if (TOOLS_VARIABLE.test(withoutStrings(source.slice(open + 2, close)))) return true;
    if (expression !== -1 && expression < close + 2) expression = source.indexOf('{{', close + 2);
    if (statement !== -1 && statement < close + 2) statement = source.indexOf('{%', close + 2);
  }
}

/**
 * What a template source says about tools: its family's format when it reads `tools` and shows a
 * family we can parse; undefined otherwise (the agent then renders tools in its own text format).
 */
export function toolSupportOfTemplate(source: string): TemplateToolSupport | undefined {
  if (!templateReadsTools(source)) return undefined;
  const family = FAMILIES.find((candidate) => candidate.signs.some((sign) => source.includes(sign)));
  if (family === undefined) return undefined;
  return {
    format: family.format,
    callOpeners: family.callOpeners,
    readsToolCalls: source.includes('tool_calls'),
    thinks: THINK_SIGNS.some((sign) => source.includes(sign)),
  };
}

/**
 * The loaded tokenizer's template for tool use (a template dictionary's `tool_use` entry where it
 * has one, as `apply_chat_template` picks it), read by {@link toolSupportOfTemplate}.
 */
export function toolSupportOf(tokenizer: Pick<PreTrainedTokenizer, 'get_chat_template'>): TemplateToolSupport | undefined {
  let source: unknown;
  try {
    source = tokenizer.get_chat_template({ tools: [] });
  } catch {
    // No template at all: apply_chat_template fails the same way later, with its own message.
    return undefined;
  }
  return typeof source === 'string' ? toolSupportOfTemplate(source) : undefined;
}

/** A tool as Hugging Face templates read it: the OpenAI function shape. */
export interface TemplateTool {
  type: 'function';
  function: ToolDefinition;
}

/** A message as tool-aware templates read it. */
export type TemplateMessage = Message & {
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: Record<string, unknown> } }[];
  tool_call_id?: string;
  name?: string;
};

/** The request's tools for the template, or undefined when tools are not to be offered. */
export function templateTools(request: Pick<ChatRequest, 'tools' | 'toolChoice'>): TemplateTool[] | undefined {
  if (request.tools === undefined || request.tools.length === 0 || request.toolChoice === 'none') return undefined;
  return request.tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
}

/**
 * Transcript messages for a tool-aware template: assistant calls as `tool_calls` (arguments as an
 * object, which templates write with `tojson`) or, for templates that do not read those, as text in
 * the family's format; results as `role: 'tool'` with the call's id and name.
 */
export function toToolTemplateMessages(messages: readonly ChatMessage[], support: Pick<TemplateToolSupport, 'format' | 'readsToolCalls'>): TemplateMessage[] {
  return messages.map((message): TemplateMessage => {
    switch (message.role) {
      case 'assistant':
        if (message.toolCalls === undefined || message.toolCalls.length === 0) return { role: 'assistant', content: message.content };
        if (!support.readsToolCalls) return { role: 'assistant', content: getFormat(support.format).renderCalls(message.toolCalls, message.content) };
        return {
          role: 'assistant',
          content: message.content,
          tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
        };
      case 'tool':
        return { role: 'tool', content: message.content, tool_call_id: message.toolCallId, name: message.name };
      default:
        return { role: message.role, content: message.content };
    }
  });
}

/**
 * What `apply_chat_template` gets for a request: with a tool-aware template, the OpenAI-style
 * messages and (when the request offers tools) the tools themselves, which the template renders in
 * its family's words; otherwise plain role + content messages, the agent having rendered any tools
 * into the text in our own format.
 */
export function templateInput(
  support: TemplateToolSupport | undefined,
  request: Pick<ChatRequest, 'messages' | 'tools' | 'toolChoice'>,
): { messages: Message[]; tools?: TemplateTool[] } {
  // Tools were rendered into the text by the agent, so every message is plain role + content.
  if (support === undefined) return { messages: request.messages.map((message) => ({ role: message.role, content: message.content })) };
  const tools = templateTools(request);
  const messages = toToolTemplateMessages(request.messages, support);
  return tools === undefined ? { messages } : { messages, tools };
}
