import type { ToolDefinition } from '../types';
import { guardParse, type CallKeys } from './call-shape';
import { parseMarked, readJsonCalls } from './marker-scan';
import type { FormatName, ToolCallFormat, ToolListing } from './types';
import { EARLIER_TOOLS_STAY, functionJson, toolListing } from './listing';
import { spacedJson } from './spaced-json';

/**
 * Families whose calls are JSON after a special token: Granite 3.x, Jamba, InternLM2, Command R7B.
 * They differ only in the markers, the key names and the template text, so one factory builds them.
 */

/** The OpenAI-style function list most templates embed. */
export function toolsJson(tools: readonly ToolDefinition[]): string {
  // The same text as JSON.stringify of the array, built from the per-tool signatures so that an
  // incremental listing finds each one verbatim inside it.
  return `[${tools.map(functionJson).join(',')}]`;
}

/** Content first, then the call markup, as the templates write an assistant turn. */
export function joinTurn(content: string | undefined, markup: string): string {
  return [content?.trim() ?? '', markup].filter((part) => part !== '').join('\n');
}

/** How one JSON-after-a-token family looks. */
interface JsonTaggedConfig {
  name: FormatName;
  /** The marker calls are written with. */
  open: string;
  /** Other markers the family is seen to open calls with (read, never written). */
  alsoOpen?: readonly string[];
  close?: string;
  keys: CallKeys;
  render: (tools: ToolDefinition[]) => string;
  /** The same split for tool lists that grow turn by turn (see ToolListing). */
  listing: ToolListing;
  /** The JSON written for calls in one block. */
  encode: (calls: ReadonlyArray<{ name: string; arguments: Record<string, unknown> }>) => string;
  renderResult: (result: { name: string; content: string }) => string;
  hidden?: ReadonlyArray<{ open: string; close: string }>;
  drop?: readonly string[];
  stopSequences?: readonly string[];
}

function jsonTaggedFormat(config: JsonTaggedConfig): ToolCallFormat {
  const spec = {
    open: [config.open, ...(config.alsoOpen ?? [])],
    drop: config.drop,
    hidden: config.hidden,
    read: (ctx: Parameters<typeof readJsonCalls>[0], at: number, marker: string) =>
      readJsonCalls(ctx, at, at + marker.length, { keys: config.keys, close: config.close }),
  };
  return {
    name: config.name,
    render: config.render,
    listing: config.listing,
    renderCalls(calls, content) {
      if (calls.length === 0) return content?.trim() ?? '';
      return joinTurn(content, `${config.open}${config.encode(calls)}${config.close ?? ''}`);
    },
    renderResult: config.renderResult,
    parse(text, options) {
      return guardParse(() => parseMarked(text, spec, options), text);
    },
    stopSequences: config.stopSequences ?? [],
  };
}

/** A result as JSON: it cannot break out of its turn whatever it contains. */
const jsonResult = (result: { name: string; content: string }): string => JSON.stringify({ name: result.name, content: result.content });
const nameArgs = (calls: ReadonlyArray<{ name: string; arguments: Record<string, unknown> }>): string =>
  spacedJson(calls.map((call) => ({ name: call.name, arguments: call.arguments })));

/**
 * A listing whose turn blocks are JSON lists of function objects (as `toolsJson` writes them), with
 * `syntax` lines for the fixed system text.
 */
function jsonListListing(syntax: readonly string[]): ToolListing {
  return toolListing({ syntax: syntax.join('\n'), signature: functionJson, list: toolsJson });
}

const GRANITE_INTRO =
  'You are a helpful assistant with tool calling capabilities. When you receive a tool call response, use the output to format an answer to the original user question.';
const GRANITE_SYNTAX = 'To call tools, answer with <|tool_call|> followed by a JSON list: <|tool_call|>[{"name": "<tool name>", "arguments": {...}}]';

/**
 * IBM Granite 3.x: `<|tool_call|>[{"name": "f", "arguments": {...}}]` (a list or one object, spaces and
 * line breaks anywhere), no close token (the turn ends). Granite 20B FunctionCalling writes
 * `<function_call> {"name": "f", "arguments": {...}}` once per call. Granite 4 writes Hermes
 * `<tool_call>` blocks instead, which the hermes format reads (a JSON list in one block included).
 */
export const graniteFormat: ToolCallFormat = jsonTaggedFormat({
  name: 'granite',
  open: '<|tool_call|>',
  alsoOpen: ['<function_call>'],
  drop: ['<|end_of_text|>'],
  keys: { name: ['name'], args: ['arguments', 'parameters'] },
  render: (tools) => [GRANITE_INTRO, 'Available tools:', toolsJson(tools), GRANITE_SYNTAX].join('\n'),
  listing: jsonListListing([GRANITE_INTRO, `The available tools are given as JSON lists in the user messages; ${EARLIER_TOOLS_STAY}.`, GRANITE_SYNTAX]),
  encode: nameArgs,
  renderResult: jsonResult,
});

const JAMBA_SYNTAX = [
  'To call functions, write a JSON list between <tool_calls> and </tool_calls>:',
  '<tool_calls>[{"name": "<function name>", "arguments": {...}}]</tool_calls>',
];

/** AI21 Jamba 1.5+: `<tool_calls>[{"name": "f", "arguments": {...}}]</tool_calls>`. */
export const jambaFormat: ToolCallFormat = jsonTaggedFormat({
  name: 'jamba',
  open: '<tool_calls>',
  close: '</tool_calls>',
  keys: { name: ['name'], args: ['arguments', 'parameters'] },
  render: (tools) => ['# Tools', '', 'You can call these functions:', toolsJson(tools), '', ...JAMBA_SYNTAX].join('\n'),
  listing: jsonListListing(['# Tools', '', `You can call the functions given as JSON lists in the user messages; ${EARLIER_TOOLS_STAY}.`, '', ...JAMBA_SYNTAX]),
  encode: nameArgs,
  renderResult: jsonResult,
});

const INTERNLM_SYNTAX = 'To call a plugin, write <|action_start|><|plugin|> then a JSON object {"name": "<plugin name>", "parameters": {...}} then <|action_end|>.';

/** One plugin as InternLM2's plugin list writes it. */
function pluginJson(tool: ToolDefinition): string {
  return JSON.stringify({ name: tool.name, description: tool.description, parameters: tool.parameters });
}

function pluginList(tools: readonly ToolDefinition[]): string {
  return `[${tools.map(pluginJson).join(',')}]`;
}

/** InternLM2/2.5: `<|action_start|><|plugin|>\n{"name": "f", "parameters": {...}}<|action_end|>`. */
export const internlm2Format: ToolCallFormat = jsonTaggedFormat({
  name: 'internlm2',
  open: '<|action_start|><|plugin|>',
  close: '<|action_end|>',
  keys: { name: ['name'], args: ['parameters', 'arguments'] },
  render: (tools) => ['You can use the following plugins (system name=<|plugin|>):', pluginList(tools), INTERNLM_SYNTAX].join('\n'),
  listing: toolListing({
    syntax: [`You can use the plugins (system name=<|plugin|>) given as JSON lists in the user messages; ${EARLIER_TOOLS_STAY}.`, INTERNLM_SYNTAX].join('\n'),
    signature: pluginJson,
    list: pluginList,
  }),
  // One call per action block, as InternLM2 writes them; several calls are several blocks.
  encode: (calls) => calls.map((call) => `\n${spacedJson({ name: call.name, parameters: call.arguments })}`).join('<|action_end|>\n<|action_start|><|plugin|>'),
  renderResult: jsonResult,
});

const COMMAND_SYNTAX = [
  'To use tools, write <|START_ACTION|> then a JSON list of calls then <|END_ACTION|>:',
  '<|START_ACTION|>[{"tool_call_id": "0", "tool_name": "<tool name>", "parameters": {...}}]<|END_ACTION|>',
];

/**
 * Cohere Command R7B / Command A: `<|START_ACTION|>[{"tool_call_id": "0", "tool_name": "f",
 * "parameters": {...}}]<|END_ACTION|>`; results go in `<|START_TOOL_RESULT|>` blocks, the answer in
 * `<|START_RESPONSE|>…<|END_RESPONSE|>` (markers dropped from the content).
 */
export const commandR7bFormat: ToolCallFormat = jsonTaggedFormat({
  name: 'command-r7b',
  open: '<|START_ACTION|>',
  close: '<|END_ACTION|>',
  keys: { name: ['tool_name', 'name'], args: ['parameters', 'arguments'] },
  render: (tools) => ['## Available Tools', 'Here is a list of tools that you have available to you:', toolsJson(tools), '', ...COMMAND_SYNTAX].join('\n'),
  listing: jsonListListing(['## Available Tools', `The tools you have available are given as JSON lists in the user messages; ${EARLIER_TOOLS_STAY}.`, '', ...COMMAND_SYNTAX]),
  encode: (calls) => spacedJson(calls.map((call, index) => ({ tool_call_id: String(index), tool_name: call.name, parameters: call.arguments }))),
  renderResult: (result) =>
    `<|START_TOOL_RESULT|>${JSON.stringify([{ tool_name: result.name, results: { 0: result.content } }]).split('<|END_TOOL_RESULT|>').join('<\\|END_TOOL_RESULT|>')}<|END_TOOL_RESULT|>`,
  hidden: [{ open: '<|START_TOOL_RESULT|>', close: '<|END_TOOL_RESULT|>' }],
  drop: ['<|START_RESPONSE|>', '<|END_RESPONSE|>', '<|START_THINKING|>', '<|END_THINKING|>'],
  stopSequences: ['<|START_TOOL_RESULT|>'],
});
