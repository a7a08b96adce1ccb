import type { ToolDefinition } from '../types';
import { guardParse, problem } from './call-shape';
import { joinTurn, toolsJson } from './json-tagged';
import { expectClose, NOT_A_BLOCK, parseMarked, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { pythonCall, readCallLines, readCallList, type PyRead } from './python-call';
import { skipSpaces } from './text-scan';
import type { ToolCallFormat } from './types';
import { EARLIER_TOOLS_STAY, functionJson, toolListing } from './listing';

/**
 * Pythonic tool calls, read with a hand-written parser (never eval):
 *
 * - Llama 3.2 / Llama 4 / ToolACE: `[get_weather(city="Paris", days=3), f2()]` on its own line
 *   (Llama 4 may wrap it in `<|python_start|>…<|python_end|>`)
 * - LFM2: `<|tool_call_start|>[f(a=1)]<|tool_call_end|>`
 * - OLMo 3: `<function_calls>\nf(a=1)\ng(b=2)\n</function_calls>`, one call per line
 */

const LFM_OPEN = '<|tool_call_start|>';
const LFM_CLOSE = '<|tool_call_end|>';
const LLAMA4_OPEN = '<|python_start|>';
const LLAMA4_CLOSE = '<|python_end|>';
const OLMO_OPEN = '<function_calls>';
const OLMO_CLOSE = '</function_calls>';
const CLOSES: Readonly<Record<string, string>> = { [LFM_OPEN]: LFM_CLOSE, [LLAMA4_OPEN]: LLAMA4_CLOSE };

/** Longest name looked at before the `(`; a bracketed word longer than this is prose. */
const MAX_NAME = 256;

/**
 * A bare list starts a line: `[`, a name, `(` (as in `[get_weather(`), or the end of the text while
 * that may still come. Checked by hand first, because most brackets are prose and a failed read of
 * the full grammar costs far more.
 */
function isBareCandidate(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && (text.charAt(k - 1) === ' ' || text.charAt(k - 1) === '\t')) k--;
  if (k > 0 && text.charAt(k - 1) !== '\n') return false;
  let i = skipSpaces(text, at + 1);
  if (i >= text.length) return true;
  if (!/[A-Za-z_]/.test(text.charAt(i))) return false;
  const from = i;
  while (i < text.length && i - from < MAX_NAME && /[\w.-]/.test(text.charAt(i))) i++;
  i = skipSpaces(text, i);
  return i >= text.length || text.charAt(i) === '(';
}

function toBlock(read: PyRead & { kind: 'ok' }, next: number, extra: BlockRead['problems'] = []): BlockRead {
  return { next, calls: read.calls, problems: extra, stop: false };
}

function readBare(ctx: ScanContext, at: number): BlockRead {
  if (!isBareCandidate(ctx.text, at)) return NOT_A_BLOCK;
  const read = readCallList(ctx.text, at);
  if (read.kind === 'ok') return toBlock(read, read.end);
  if (read.kind === 'truncated' && !ctx.final) return unfinished(ctx.text.slice(at, at + 200));
  // Prose in brackets, or a list cut off in a final output: left as text. The search resumes where
  // the read failed, so hostile text (`[f(a=[` on every line) is not read again from each line.
  // A list cut off by the end (final) leaves nothing after it to find: stop searching.
  return { ...NOT_A_BLOCK, next: read.kind === 'error' ? read.end : ctx.text.length };
}

function readWrappedList(ctx: ScanContext, at: number, marker: string): BlockRead {
  const source = ctx.text.slice(at, at + 200);
  const from = skipSpaces(ctx.text, at + marker.length);
  if (from >= ctx.text.length && !ctx.final) return unfinished(source);
  const read = readCallList(ctx.text, from);
  if (read.kind === 'truncated') return unfinished(source);
  if (read.kind === 'error') {
    const closeAt = ctx.find(CLOSES[marker] ?? marker, from);
    return { next: closeAt < 0 ? read.end : closeAt, calls: [], problems: [problem('bad-arguments', `Tool call is not a Python call list: ${read.message}.`, source)], stop: false };
  }
  const close = expectClose(ctx, read.end, CLOSES[marker] ?? marker);
  if (close === 'wait') return unfinished(source);
  return toBlock(read, close.next, close.missing ? [problem('repaired', `Added the missing ${CLOSES[marker] ?? ''}.`, source)] : []);
}

function readOlmo(ctx: ScanContext, at: number): BlockRead {
  const source = ctx.text.slice(at, at + 200);
  const from = at + OLMO_OPEN.length;
  const closeAt = ctx.find(OLMO_CLOSE, from);
  if (closeAt < 0 && !ctx.final) return unfinished(source);
  const limit = closeAt < 0 ? ctx.text.length : closeAt;
  const next = closeAt < 0 ? limit : closeAt + OLMO_CLOSE.length;
  const read = readCallLines(ctx.text, from, limit);
  if (read.kind !== 'ok') {
    const message = read.kind === 'error' ? read.message : 'cut off';
    return { next, calls: [], problems: [problem('bad-arguments', `Tool call is not a Python call: ${message}.`, source)], stop: false };
  }
  return toBlock(read, next, closeAt < 0 ? [problem('repaired', `Added the missing ${OLMO_CLOSE}.`, source)] : []);
}

const SPEC = {
  open: [LFM_OPEN, LLAMA4_OPEN, OLMO_OPEN, '['],
  drop: ['<|eom|>', '<|eot|>', '<|eot_id|>', '<|eom_id|>'],
  read(ctx: ScanContext, at: number, marker: string): BlockRead {
    if (marker === '[') return readBare(ctx, at);
    if (marker === OLMO_OPEN) return readOlmo(ctx, at);
    return readWrappedList(ctx, at, marker);
  },
};

function renderTools(tools: ToolDefinition[]): string {
  return [...CALL_SYNTAX, 'Here is a list of functions in JSON format that you can invoke.', toolsJson(tools)].join('\n');
}

/** How to answer with calls (the Llama 3.2 template's words). */
const CALL_SYNTAX = [
    'You are an expert in composing functions. You are given a question and a set of possible functions.',
    'Based on the question, you will need to make one or more function/tool calls to achieve the purpose.',
    'If you decide to invoke any of the function(s), you MUST put it in the format of [func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)]',
    'You SHOULD NOT include any other text in the response if you call a function.',
];


/** The functions listed turn by turn (tool retrieval): each turn's new ones as a JSON list in the user message. */
const listing = toolListing({
  syntax: [...CALL_SYNTAX, `The functions you can invoke are given in JSON format in the user messages; ${EARLIER_TOOLS_STAY}.`].join('\n'),
  signature: functionJson,
  list: toolsJson,
});

/** Pythonic call lists (Llama 3.2/4, LFM2, OLMo 3); renders the bare Llama list. */
export const pythonicFormat: ToolCallFormat = {
  name: 'pythonic',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    if (calls.length === 0) return content?.trim() ?? '';
    return joinTurn(content, `[${calls.map((call) => pythonCall(call.name, call.arguments)).join(', ')}]`);
  },
  renderResult(result) {
    return JSON.stringify({ name: result.name, output: result.content });
  },
  parse(text, options) {
    return guardParse(() => parseMarked(text, SPEC, options), text);
  },
  stopSequences: [],
};
