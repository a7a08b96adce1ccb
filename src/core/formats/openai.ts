import type { ToolDefinition } from '../types';
import { callFromObject, type CallKeys, finishResult, getOwn, guardParse, jsonCallName, pendingCall, problem, ProblemList } from './call-shape';
import { readJsonValue, type JsonRead } from './json-reader';
import { isPlainObject } from './json-repair';
import { createFinder, isSpaceCode, skipSpaces } from './text-scan';
import type { ParsedToolCall, ParseOptions, ParseResult, ToolCallFormat } from './types';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, functionJson, toolListing } from './listing';

/** A bare call object streaming in: its name key, for the pending call's name. */
const NAME_FIRST = { name: ['name'], args: [] } as const;

/**
 * OpenAI-native tool-call shapes written as text (what models trained on OpenAI data, or servers
 * without a tool parser, emit):
 *
 * - `{"tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{\"a\":1}"}}]}`
 * - a bare `{"name": "f", "arguments": {...}}` (or `"parameters"`), or an array of those,
 *
 * optionally inside a code fence and surrounded by prose.
 */

const BARE_KEYS: CallKeys = { name: ['name'], args: ['arguments', 'parameters'] };
const FUNCTION_KEYS: CallKeys = { name: ['name'], args: ['arguments'], stringArgsNative: true };

function renderTools(tools: ToolDefinition[]): string {
  const functions = tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
  return ['You can call the following functions (OpenAI function-calling format):', JSON.stringify(functions, null, 2), '', ...CALL_SYNTAX].join('\n');
}

const CALL_SYNTAX = [
  'To call one or more functions, answer with only a JSON object of this shape:',
  '{"tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "<function name>", "arguments": "<the arguments object as a JSON string>"}}]}',
  'Otherwise answer in plain text.',
];

/** A `tool_calls` item: `{function: {name, arguments}}` natively, or a bare `{name, arguments}`. */
function itemCall(item: unknown, source: string): ReturnType<typeof callFromObject> {
  const fn = isPlainObject(item) ? getOwn(item, 'function') : undefined;
  return isPlainObject(fn) ? callFromObject(fn, FUNCTION_KEYS, source) : callFromObject(item, BARE_KEYS, source);
}

function isCallObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  if (isPlainObject(getOwn(value, 'function'))) return true;
  return typeof getOwn(value, 'name') === 'string' && (getOwn(value, 'arguments') !== undefined || getOwn(value, 'parameters') !== undefined);
}

/** The items of a call-shaped value, or `undefined` when the JSON is not a tool call. */
function callItems(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value.length > 0 && value.every(isCallObject) ? value : undefined;
  if (!isPlainObject(value)) return undefined;
  const toolCalls = getOwn(value, 'tool_calls');
  if (toolCalls !== undefined) return Array.isArray(toolCalls) ? toolCalls : [toolCalls];
  return isCallObject(value) ? [value] : undefined;
}

/** While streaming: could this unfinished JSON become a call? (Then it is hidden, not shown.) */
function mayBecomeCall(value: unknown): boolean {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (Array.isArray(value) && value.length === 0) return true;
  if (!isPlainObject(first)) return false;
  const keys = Object.keys(first);
  return keys.length === 0 || keys.some((key) => key === 'tool_calls' || key === 'function' || key === 'name');
}

/** Where a JSON candidate may start: `{` at a line start or before a key, `[` at a line start before `{`. */
function isCandidate(text: string, i: number): boolean {
  let lineStart = i;
  while (lineStart > 0 && (text.charCodeAt(lineStart - 1) === 0x20 || text.charCodeAt(lineStart - 1) === 0x09)) lineStart--;
  const atLineStart = lineStart === 0 || text.charCodeAt(lineStart - 1) === 0x0a;
  const next = text.charAt(skipSpaces(text, i + 1));
  if (text.charAt(i) === '[') return atLineStart && next === '{';
  return atLineStart || next === '"';
}

/** Start of the code-fence line just before `at` (within `[floor, at)`), or `at` if there is none. */
function fenceStartBefore(text: string, at: number, floor: number): number {
  let q = at;
  while (q > floor && isSpaceCode(text.charCodeAt(q - 1))) q--;
  // Scan back by hand, never past `floor`: lastIndexOf could rescan the whole text per call.
  let lineStart = q;
  while (lineStart > floor && text.charCodeAt(lineStart - 1) !== 0x0a) lineStart--;
  return /^[ \t]*```[\w+-]*$/.test(text.slice(lineStart, q)) ? lineStart : at;
}

/** End of a closing code fence right after `end`, or `end`. */
function fenceEndAfter(text: string, end: number): number {
  const i = skipSpaces(text, end);
  return text.startsWith('```', i) ? i + 3 : end;
}

function parseOpenAi(text: string, options: ParseOptions = {}): ParseResult {
  const final = options.final === true;
  const pieces: string[] = [];
  const calls: ParsedToolCall[] = [];
  const problems = new ProblemList();
  const accept = (items: unknown[], read: JsonRead, source: string): void => {
    for (const repair of read.repairs) problems.push(problem('repaired', `Tool call JSON: ${repair}.`, source));
    for (const item of items) {
      const outcome = itemCall(item, source);
      problems.push(...outcome.problems);
      if ('call' in outcome) calls.push(outcome.call);
    }
  };

  let pos = 0; // start of the content not yet copied
  let i = 0; // where to look for the next candidate
  const findBrace = createFinder(text, '{');
  const findBracket = createFinder(text, '[');
  while (i < text.length) {
    const brace = findBrace(i);
    const bracket = findBracket(i);
    const at = brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
    if (at < 0) break;
    if (!isCandidate(text, at)) {
      i = at + 1;
      continue;
    }
    const read = readJsonValue(text, at);
    const source = text.slice(at, Math.min(read.end, at + 200));
    if (read.error !== undefined) {
      i = Math.max(at + 1, read.end);
      continue;
    }
    if (read.truncated) {
      // The JSON runs to the end of the text: repaired when final, otherwise still streaming.
      const items = final ? callItems(read.value) : undefined;
      if (items) {
        pieces.push(text.slice(pos, fenceStartBefore(text, at, pos)));
        accept(items, read, source);
        pos = text.length;
      } else if (!final && mayBecomeCall(read.value)) {
        pieces.push(text.slice(pos, fenceStartBefore(text, at, pos)));
        problems.push(pendingCall(source, jsonCallName(text, at, NAME_FIRST)));
        pos = text.length;
      }
      break;
    }
    const items = callItems(read.value);
    if (items) {
      pieces.push(text.slice(pos, fenceStartBefore(text, at, pos)));
      accept(items, read, source);
      pos = fenceEndAfter(text, read.end);
      // Llama 3 separates several JSON calls with `;`: markup, not content.
      const semi = skipSpaces(text, pos);
      if (text.charCodeAt(semi) === 0x3b) pos = semi + 1;
    }
    // JSON that is not a call is content; calls nested inside it are data, not calls.
    i = Math.max(at + 1, read.end);
  }
  pieces.push(text.slice(pos));
  return finishResult(pieces, calls, problems, options.tools);
}


/** The functions listed turn by turn (tool retrieval): one function object per line in a `<functions>` block. */
const listing = toolListing({
  syntax: [
    `You can call the functions listed in <functions></functions> blocks in the user messages (OpenAI function-calling format, one per line); ${EARLIER_TOOLS_STAY}.`,
    '',
    ...CALL_SYNTAX,
  ].join('\n'),
  signature: functionJson,
  open: '<functions>',
  close: '</functions>',
});

/**
 * Parses OpenAI-shaped calls from text: `tool_calls` objects (arguments as a JSON string, natively),
 * bare `{name, arguments|parameters}` objects, or arrays of them; fenced or not. Other JSON stays in
 * the content. Repairs as `repairJson`; an unfinished call at the end is 'incomplete' unless final.
 */
export const openaiFormat: ToolCallFormat = {
  name: 'openai',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    const toolCalls = calls.map((call, index) => ({
      id: `call_${index + 1}`,
      type: 'function',
      function: { name: call.name, arguments: spacedJson(call.arguments) },
    }));
    const json = toolCalls.length > 0 ? spacedJson({ tool_calls: toolCalls }) : '';
    return [content?.trim() ?? '', json].filter((part) => part !== '').join('\n');
  },
  renderResult(result) {
    // As JSON, the result cannot break out of its field whatever it contains.
    return JSON.stringify({ role: 'tool', name: result.name, content: result.content });
  },
  parse(text, options) {
    return guardParse(() => parseOpenAi(text, options), text);
  },
  stopSequences: [],
};
