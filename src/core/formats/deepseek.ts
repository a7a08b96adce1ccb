import type { ToolDefinition } from '../types';
import { coerceArguments, guardParse, problem } from './call-shape';
import { readJsonValue } from './json-reader';
import { joinTurn, toolsJson } from './json-tagged';
import { closeFence, expectClose, parseMarked, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { skipFenceOpen, skipSpaces } from './text-scan';
import type { ToolCallFormat } from './types';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, functionJson, toolListing } from './listing';

/**
 * DeepSeek tool calls (the markers use full-width bars `｜` and `▁`, not `|` and `_`):
 *
 * - V3 / R1: `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{...}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>`
 * - V3.1 / V3.2: `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{...}<｜tool▁call▁end｜><｜tool▁calls▁end｜>`
 */

const CALLS_BEGIN = '<｜tool▁calls▁begin｜>';
const CALLS_END = '<｜tool▁calls▁end｜>';
const CALL_BEGIN = '<｜tool▁call▁begin｜>';
const CALL_END = '<｜tool▁call▁end｜>';
const SEP = '<｜tool▁sep｜>';
const OUTPUTS = { open: '<｜tool▁outputs▁begin｜>', close: '<｜tool▁outputs▁end｜>' };
const OUTPUT_BEGIN = '<｜tool▁output▁begin｜>';
const OUTPUT_END = '<｜tool▁output▁end｜>';
const MAX_NAME = 256;

/** Reads a short header up to `stop` (a name, or V3's "function"); bounded so junk cannot run on. */
function readUntil(ctx: ScanContext, from: number, stop: string): { value: string; end: number } | 'wait' | 'bad' {
  const limit = Math.min(ctx.text.length, from + MAX_NAME);
  const at = ctx.find(stop, from);
  if (at >= 0 && at <= limit) return { value: ctx.text.slice(from, at).trim(), end: at + stop.length };
  if (ctx.text.length <= from + MAX_NAME && !ctx.final) return 'wait';
  return 'bad';
}

function readCall(ctx: ScanContext, at: number): BlockRead {
  const { text } = ctx;
  const source = text.slice(at, at + 200);
  const head = readUntil(ctx, at + CALL_BEGIN.length, SEP);
  if (head === 'wait') return unfinished(source);
  if (head === 'bad') return { next: at + CALL_BEGIN.length, calls: [], problems: [problem('missing-name', `A tool call has no ${SEP}.`, source)], stop: false };
  let name = head.value;
  let argsAt = head.end;
  const after = skipSpaces(text, head.end);
  if (head.value === 'function' && text.charAt(after) !== '{') {
    // V3 / R1: the type comes first, the name follows on the same line as the separator.
    const line = readUntil(ctx, head.end, '\n');
    if (line === 'wait') return unfinished(source);
    if (line === 'bad') return { next: head.end, calls: [], problems: [problem('missing-name', 'A tool call has no name line.', source)], stop: false };
    name = line.value;
    argsAt = line.end;
  }
  if (name === '') return { next: argsAt, calls: [], problems: [problem('missing-name', 'A tool call has no name.', source)], stop: false };
  const fence = skipFenceOpen(text, argsAt);
  const read = readJsonValue(text, fence.at);
  if (read.error !== undefined) {
    return { next: Math.max(read.end, argsAt), calls: [], problems: [problem('bad-arguments', `Arguments of ${name} are not JSON: ${read.error}.`, source)], stop: false };
  }
  if ((read.truncated && !ctx.final) || read.value === undefined) return unfinished(source, [], [], name);
  const args = coerceArguments(read.value, true);
  if ('error' in args) return { next: read.end, calls: [], problems: [problem('bad-arguments', `Arguments of ${name} ${args.error}`, source)], stop: false };
  const fenceEnd = closeFence(ctx, read.end, fence.fenced);
  if (fenceEnd === 'wait') return unfinished(source, [], [], name);
  const close = expectClose(ctx, fenceEnd, CALL_END);
  if (close === 'wait') return unfinished(source, [], [], name);
  // The list's end marker comes right after the last call: wait for it, so the strict prefix that
  // stops between the two markers is not yet a finished turn.
  const rest = text.slice(skipSpaces(text, close.next), skipSpaces(text, close.next) + CALLS_END.length);
  if (!ctx.final && rest.length < CALLS_END.length && CALLS_END.startsWith(rest)) return unfinished(source, [], [], name);
  const repairs = [...read.repairs, ...args.repairs, ...(close.missing ? [`added the missing ${CALL_END}`] : [])];
  return {
    next: close.next,
    calls: [{ name, arguments: args.value }],
    problems: repairs.map((repair) => problem('repaired', `Arguments of ${name}: ${repair}.`, source)),
    stop: false,
  };
}

const SPEC = {
  open: [CALL_BEGIN],
  drop: [CALLS_BEGIN, CALLS_END, '<｜end▁of▁sentence｜>'],
  hidden: [OUTPUTS],
  read: readCall,
};

function renderTools(tools: ToolDefinition[]): string {
  return ['## Tools', 'You have access to the following tools:', toolsJson(tools), '', ...CALL_SYNTAX].join('\n');
}

/** How to write calls, markers included. */
const CALL_SYNTAX = [
  'To call tools, use this format (the markers are written exactly as shown):',
  `${CALLS_BEGIN}${CALL_BEGIN}function${SEP}<tool name>\n\`\`\`json\n<arguments as a JSON object>\n\`\`\`${CALL_END}${CALLS_END}`,
];


/** The tools listed turn by turn (tool retrieval): each turn's new ones as a JSON list in the user message. */
const listing = toolListing({
  syntax: ['## Tools', `You have access to the tools given as JSON lists in the user messages; ${EARLIER_TOOLS_STAY}.`, '', ...CALL_SYNTAX].join('\n'),
  signature: functionJson,
  list: toolsJson,
});

/** DeepSeek V3/R1 and V3.1 calls; renders the V3/R1 form. */
export const deepseekFormat: ToolCallFormat = {
  name: 'deepseek',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    if (calls.length === 0) return content?.trim() ?? '';
    const blocks = calls.map((call) => `${CALL_BEGIN}function${SEP}${call.name}\n\`\`\`json\n${spacedJson(call.arguments)}\n\`\`\`${CALL_END}`);
    return joinTurn(content, `${CALLS_BEGIN}${blocks.join('\n')}${CALLS_END}`);
  },
  renderResult(result) {
    const safe = result.content.split(OUTPUT_END).join('').split(OUTPUTS.close).join('');
    return `${OUTPUTS.open}${OUTPUT_BEGIN}${safe}${OUTPUT_END}${OUTPUTS.close}`;
  },
  parse(text, options) {
    return guardParse(() => parseMarked(text, SPEC, options), text);
  },
  stopSequences: [OUTPUTS.open],
};
