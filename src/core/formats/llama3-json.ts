import type { ToolDefinition } from '../types';
import { guardParse } from './call-shape';
import { joinTurn, toolsJson } from './json-tagged';
import { parseMarked, readJsonCalls } from './marker-scan';
import { openaiFormat } from './openai';
import { stripPartialMarker } from './text-scan';
import type { ToolCallFormat } from './types';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, functionJson, toolListing } from './listing';

/**
 * Llama 3.1 / 3.2 / 3.3 JSON tool calling: `{"name": "f", "parameters": {...}}`, optionally after
 * `<|python_tag|>`, several separated by `;`. Without the tag the text is the same as a bare OpenAI
 * call, so that case is read by the openai parser (which also drops a `;` between calls).
 */

const TAG = '<|python_tag|>';
const KEYS = { name: ['name'], args: ['parameters', 'arguments'] };
const SPEC = {
  open: [TAG],
  // The end-of-message tokens sometimes leak into text from servers that do not strip them.
  drop: ['<|eom_id|>', '<|eot_id|>'],
  read: (ctx: Parameters<typeof readJsonCalls>[0], at: number) => readJsonCalls(ctx, at, at + TAG.length, { keys: KEYS, separator: ';' }),
};

function renderTools(tools: ToolDefinition[]): string {
  return [...CALL_SYNTAX, '', toolsJson(tools)].join('\n');
}

/** How to answer with a call (the Llama 3.1 template's words). */
const CALL_SYNTAX = [
  'Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.',
  '',
  'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}. Do not use variables.',
];


/** The functions listed turn by turn (tool retrieval): each turn's new ones as a JSON list in the user message. */
const listing = toolListing({
  syntax: [...CALL_SYNTAX, '', `The functions are given as JSON lists in the user messages; ${EARLIER_TOOLS_STAY}.`].join('\n'),
  signature: functionJson,
  list: toolsJson,
});

/** Parses Llama 3.x JSON calls, tagged or bare; renders them tagged (so the history is unambiguous). */
export const llama3JsonFormat: ToolCallFormat = {
  name: 'llama3-json',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    if (calls.length === 0) return content?.trim() ?? '';
    return joinTurn(content, `${TAG}${calls.map((call) => spacedJson({ name: call.name, parameters: call.arguments })).join('; ')}`);
  },
  renderResult(result) {
    // Llama puts results in an ipython turn as plain output; JSON keeps the tool's name with it.
    return JSON.stringify({ name: result.name, output: result.content });
  },
  parse(text, options) {
    return guardParse(() => {
      if (text.includes(TAG)) return parseMarked(text, SPEC, options);
      const result = openaiFormat.parse(text, options);
      return options?.final === true ? result : { ...result, content: stripPartialMarker(result.content, [TAG]).trim() };
    }, text);
  },
  stopSequences: [],
};
