import type { ToolDefinition } from '../types';
import { hermesSignature, hermesToolsBlock, renderToolResponse, TOOL_RESPONSE } from './hermes';
import { guardParse, problem } from './call-shape';
import { setOwn } from './json-reader';
import { joinTurn } from './json-tagged';
import { expectClose, NOT_A_BLOCK, parseMarked, readJsonCalls, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { skipSpaces } from './text-scan';
import type { ParseOptions, ToolCallFormat } from './types';
import { decodeValue, encodeValue, schemaType } from './xml-values';
import { EARLIER_TOOLS_STAY, toolListing } from './listing';

/**
 * GLM-4.5 / GLM-4.6 (and 4.7, which drops the newlines) XML calls:
 *
 * ```
 * <tool_call>get_weather
 * <arg_key>city</arg_key>
 * <arg_value>Paris</arg_value>
 * </tool_call>
 * ```
 *
 * Values are JSON when they parse, strings otherwise (see xml-values). Results come back in
 * `<tool_response>` blocks inside an observation turn.
 */

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
const KEY = '<arg_key>';
const KEY_CLOSE = '</arg_key>';
const VALUE = '<arg_value>';
const VALUE_CLOSE = '</arg_value>';
const RESPONSE = TOOL_RESPONSE;
const MAX_NAME = 256;

/** Reads `<open>text<close>` at `from` (after whitespace): the text and the index after, or 'wait'. */
function readElement(ctx: ScanContext, from: number, open: string, close: string): { value: string; end: number } | 'wait' | undefined {
  const i = skipSpaces(ctx.text, from);
  if (!ctx.text.startsWith(open, i)) {
    return !ctx.final && open.startsWith(ctx.text.slice(i, i + open.length)) && i + open.length > ctx.text.length ? 'wait' : undefined;
  }
  const closeAt = ctx.find(close, i + open.length);
  if (closeAt < 0) return ctx.final ? { value: ctx.text.slice(i + open.length), end: ctx.text.length } : 'wait';
  return { value: ctx.text.slice(i + open.length, closeAt), end: closeAt + close.length };
}

/** The `<arg_key>`/`<arg_value>` pairs from `from`: the arguments and where they end, or 'wait'. */
function readPairs(ctx: ScanContext, name: string, from: number, tools: ParseOptions['tools']): { args: Record<string, unknown>; end: number } | 'wait' {
  const args: Record<string, unknown> = {};
  let i = from;
  for (;;) {
    const key = readElement(ctx, i, KEY, KEY_CLOSE);
    if (key === 'wait') return 'wait';
    if (key === undefined) return { args, end: i };
    const value = readElement(ctx, key.end, VALUE, VALUE_CLOSE);
    if (value === 'wait') return 'wait';
    const keyName = key.value.trim();
    if (value === undefined) {
      setOwn(args, keyName, '');
      i = key.end;
      continue;
    }
    setOwn(args, keyName, decodeValue(value.value, schemaType(tools, name, keyName)));
    i = value.end;
  }
}

function readBlock(ctx: ScanContext, at: number, tools: ParseOptions['tools']): BlockRead {
  const { text } = ctx;
  const source = text.slice(at, at + 200);
  const from = at + OPEN.length;
  const first = text.charAt(skipSpaces(text, from));
  if (first === '{' || first === '[') return readJsonCalls(ctx, at, skipSpaces(text, from), { keys: { name: ['name'], args: ['arguments', 'parameters'] }, close: CLOSE });
  let i = from;
  while (i < text.length && i - from <= MAX_NAME && text.charAt(i) !== '\n' && text.charAt(i) !== '<') i++;
  if (i >= text.length && !ctx.final) return unfinished(source);
  const name = text.slice(from, i).trim();
  if (name === '') return { next: from, calls: [], problems: [problem('missing-name', 'A <tool_call> has no function name.', source)], stop: false };
  const pairs = readPairs(ctx, name, i, tools);
  if (pairs === 'wait') return unfinished(source, [], [], name);
  const close = expectClose(ctx, pairs.end, CLOSE);
  if (close === 'wait') return unfinished(source, [], [], name);
  const problems = close.missing ? [problem('repaired', `Added the missing ${CLOSE}.`, source)] : [];
  return { next: close.next, calls: [{ name, arguments: pairs.args }], problems, stop: false };
}

/** A character a function name is made of. */
const NAME_CHAR = /[\w.-]/;

/**
 * The function name written just before a bare `<arg_key>` at `at` (the outer `<tool_call>` lost,
 * e.g. eaten as a special token): a name alone on its line, or glued to the tag as GLM-4.7 writes
 * it. The scan back is bounded, so hostile text stays linear.
 */
function nameBefore(text: string, at: number): { name: string; start: number } | undefined {
  let end = at;
  while (end > 0 && at - end < MAX_NAME && /[ \t\r\n]/.test(text.charAt(end - 1))) end--;
  let start = end;
  while (start > 0 && end - start < MAX_NAME && NAME_CHAR.test(text.charAt(start - 1))) start--;
  if (start === end) return undefined;
  const before = start === 0 ? '\n' : text.charAt(start - 1);
  return /[\s>]/.test(before) ? { name: text.slice(start, end), start } : undefined;
}

/**
 * A call written without the outer `<tool_call>`: `name\n<arg_key>…</arg_key><arg_value>…</arg_value>`
 * up to the end of the text or a stray `</tool_call>`. While streaming it stays unfinished until
 * something other than another pair (or the close tag) follows.
 */
function readBare(ctx: ScanContext, at: number, tools: ParseOptions['tools']): BlockRead {
  const found = nameBefore(ctx.text, at);
  if (found === undefined) return NOT_A_BLOCK;
  const source = ctx.text.slice(found.start, found.start + 200);
  const pairs = readPairs(ctx, found.name, at, tools);
  if (pairs === 'wait') return { ...unfinished(source, [], [], found.name), start: found.start };
  const close = expectClose(ctx, pairs.end, CLOSE);
  if (close === 'wait') return { ...unfinished(source, [], [], found.name), start: found.start };
  return {
    start: found.start,
    next: close.next,
    calls: [{ name: found.name, arguments: pairs.args }],
    problems: [problem('repaired', `Read a call to ${found.name} written without ${OPEN}.`, source)],
    stop: false,
  };
}

function renderTools(tools: ToolDefinition[]): string {
  return [...hermesToolsBlock(tools), '', ...CALL_SYNTAX].join('\n');
}

/** How to write a call (the GLM-4.5 template's words). */
const CALL_SYNTAX = [
  'For each function call, output the function name and arguments within the following XML format:',
  '<tool_call>{function-name}\n<arg_key>{arg-key-1}</arg_key>\n<arg_value>{arg-value-1}</arg_value>\n<arg_key>{arg-key-2}</arg_key>\n<arg_value>{arg-value-2}</arg_value>\n...\n</tool_call>',
];

function renderCall(call: { name: string; arguments: Record<string, unknown> }): string {
  const pairs = Object.keys(call.arguments).map(
    (key) => `${KEY}${key.split('</').join('<\\/')}${KEY_CLOSE}\n${VALUE}${encodeValue(call.arguments[key])}${VALUE_CLOSE}\n`,
  );
  return `${OPEN}${call.name}\n${pairs.join('')}${CLOSE}`;
}


/** The functions listed turn by turn (tool retrieval): Hermes-style `<tools>` blocks in the user messages. */
const listing = toolListing({
  syntax: [
    '# Tools',
    '',
    'You may call one or more functions to assist with the user query.',
    '',
    `You are provided with function signatures within <tools></tools> XML tags in the user messages; ${EARLIER_TOOLS_STAY}.`,
    '',
    ...CALL_SYNTAX,
  ].join('\n'),
  signature: hermesSignature,
  open: '<tools>',
  close: '</tools>',
});

/**
 * GLM-4.5/4.6 `<arg_key>`/`<arg_value>` calls (a JSON `<tool_call>` met along the way is read too, and
 * so is a call whose outer `<tool_call>` is missing).
 */
export const glm45Format: ToolCallFormat = {
  name: 'glm45',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    return calls.length === 0 ? (content?.trim() ?? '') : joinTurn(content, calls.map(renderCall).join('\n'));
  },
  renderResult: renderToolResponse,
  parse(text, options) {
    const spec = {
      open: [OPEN, KEY],
      hidden: [RESPONSE],
      read: (ctx: ScanContext, at: number, marker: string) => (marker === KEY ? readBare(ctx, at, options?.tools) : readBlock(ctx, at, options?.tools)),
    };
    return guardParse(() => parseMarked(text, spec, options), text);
  },
  stopSequences: [RESPONSE.open],
};
