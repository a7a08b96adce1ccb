import type { ToolDefinition } from '../types';
import { guardParse } from './call-shape';
import { parseTagged, type TaggedSpec } from './tagged-calls';
import type { ToolCallFormat, ToolListing } from './types';
import { escapeCloseTag } from './quote-result';
import { spacedJson } from './spaced-json';

/**
 * Hermes / Qwen2.5 / Qwen3 tool calls: one JSON object per `<tool_call>` block.
 *
 * ```
 * <tool_call>
 * {"name": "get_weather", "arguments": {"city": "Paris"}}
 * </tool_call>
 * ```
 *
 * Results go back as `<tool_response>…</tool_response>` (in a user turn, as the Qwen template does).
 */

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
const RESPONSE_OPEN = '<tool_response>';
const RESPONSE_CLOSE = '</tool_response>';

/** The `<tool_response>` block Hermes, Qwen3-Coder and GLM-4.5 templates put a result in. */
export const TOOL_RESPONSE = { open: RESPONSE_OPEN, close: RESPONSE_CLOSE } as const;

/** A result as a `<tool_response>` block. */
export function renderToolResponse(result: { content: string }): string {
  // A result that contains our close tag could end the block early and pose as model text.
  const safe = escapeCloseTag(result.content, 'tool_response');
  return `${RESPONSE_OPEN}\n${safe}\n${RESPONSE_CLOSE}`;
}

const SPEC: TaggedSpec = {
  open: OPEN,
  close: CLOSE,
  keys: { name: ['name'], args: ['arguments', 'parameters'] },
  // A model that keeps going after its call may invent the response; that is not its answer.
  hidden: [{ open: RESPONSE_OPEN, close: RESPONSE_CLOSE }],
};

/**
 * The Hermes-style tool list: tool signatures in a `<tools></tools>` block, one OpenAI function
 * object per line (GLM-4.5's template opens the same way; only the call syntax differs).
 */
export function hermesToolsBlock(tools: readonly ToolDefinition[]): string[] {
  const lines = tools.map(hermesSignature);
  return [
    '# Tools',
    '',
    'You may call one or more functions to assist with the user query.',
    '',
    'You are provided with function signatures within <tools></tools> XML tags:',
    '<tools>',
    ...lines,
    '</tools>',
  ];
}

/** One tool as a line of the `<tools>` block: the OpenAI function object. */
export function hermesSignature(tool: ToolDefinition): string {
  return JSON.stringify({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } });
}

const CALL_SYNTAX = [
  'For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:',
  OPEN,
  '{"name": <function-name>, "arguments": <args-json-object>}',
  CLOSE,
];

/** The tool list plus the Hermes call syntax. */
function renderTools(tools: ToolDefinition[]): string {
  return [...hermesToolsBlock(tools), '', ...CALL_SYNTAX].join('\n');
}

/**
 * The same text split for growing tool lists: the syntax (said once, in the fixed system text)
 * and `<tools>` blocks that the user messages carry, each with the signatures new to that turn.
 */
const listing: ToolListing = {
  syntax: [
    '# Tools',
    '',
    'You may call one or more functions to assist with the user query.',
    '',
    'You are provided with function signatures within <tools></tools> XML tags in the user messages; a function listed earlier in the conversation stays available.',
    '',
    ...CALL_SYNTAX,
  ].join('\n'),
  signature: hermesSignature,
  list: (tools) => ['<tools>', ...tools.map(hermesSignature), '</tools>'].join('\n'),
};

/**
 * Parses `<tool_call>` blocks. Tolerates a code fence inside the tags, a missing close tag at the end
 * of a final output (or before the next `<tool_call>`), arguments as a JSON string, `"parameters"`
 * for `"arguments"`, a JSON array of calls in one block, and the JSON repairs of `repairJson`.
 */
export const hermesFormat: ToolCallFormat = {
  name: 'hermes',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    const blocks = calls.map((call) => `${OPEN}\n${spacedJson({ name: call.name, arguments: call.arguments })}\n${CLOSE}`);
    return [content?.trim() ?? '', ...blocks].filter((part) => part !== '').join('\n');
  },
  renderResult: renderToolResponse,
  parse(text, options) {
    return guardParse(() => parseTagged(text, SPEC, options), text);
  },
  stopSequences: [RESPONSE_OPEN],
};
