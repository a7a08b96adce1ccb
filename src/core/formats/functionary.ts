import type { ToolDefinition } from '../types';
import { coerceArguments, guardParse, problem } from './call-shape';
import { readJsonValue } from './json-reader';
import { toolsJson } from './json-tagged';
import { parseMarked, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { skipSpaces, stripPartialMarker } from './text-scan';
import type { ParsedToolCall, ToolCallFormat } from './types';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, functionJson, toolListing } from './listing';

/**
 * MeetKai Functionary, whose turns are addressed to a recipient:
 *
 * - v3 (medium/small v3.0, v3.2): `>>>all\nSome text>>>get_weather\n{"city": "Paris"}`. The template's
 *   generation prompt ends in `>>>`, so servers that show only the generated text start the answer
 *   at the first recipient: `get_weather\n{"city": "Paris"}\n>>>get_time\n{…}` or `all\nSome text…`.
 * - v2: `<|from|>assistant\n<|recipient|>get_weather\n<|content|>{"city": "Paris"}<|stop|>`
 *
 * The recipient `all` means the person; anything else is a tool called with the JSON that follows.
 * (v3.1 writes `<function=name>{json}</function>`, which the qwen3-coder format reads.)
 */

const V3 = '>>>';
const V2 = '<|recipient|>';
const CONTENT = '<|content|>';
const FROM = '<|from|>';
const STOP = '<|stop|>';
const MAX_NAME = 256;
/**
 * The first recipient without its `>>>` (it was in the prompt): `all` then a line break, or a name
 * line followed by a JSON object. Bounded, so it costs nothing on long text.
 */
const LEADING_RECIPIENT = /^(?:all\n|[A-Za-z_][\w.-]{0,255}\n[ \t\r\n]*\{)/;

/** The JSON arguments at `from` as a call, or the reason there is none yet. */
function readArguments(ctx: ScanContext, name: string, from: number, source: string): BlockRead {
  const read = readJsonValue(ctx.text, from);
  if (read.error !== undefined) {
    return { next: Math.max(read.end, from), calls: [], problems: [problem('bad-arguments', `Arguments of ${name} are not JSON: ${read.error}.`, source)], stop: false };
  }
  if ((read.truncated && !ctx.final) || read.value === undefined) return unfinished(source, [], [], name);
  const args = coerceArguments(read.value, false);
  if ('error' in args) return { next: read.end, calls: [], problems: [problem('bad-arguments', `Arguments of ${name} ${args.error}`, source)], stop: false };
  const call: ParsedToolCall = { name, arguments: args.value };
  const repairs = [...read.repairs, ...args.repairs, ...(read.truncated ? ['closed at the end of the output'] : [])];
  return { next: read.end, calls: [call], problems: repairs.map((repair) => problem('repaired', `Arguments of ${name}: ${repair}.`, source)), stop: false };
}

/** The recipient line after a marker: the name and where the line ends. */
function readRecipient(ctx: ScanContext, from: number): { name: string; end: number } | undefined {
  let i = from;
  while (i < ctx.text.length && i - from <= MAX_NAME && ctx.text.charAt(i) !== '\n') i++;
  if (i >= ctx.text.length || ctx.text.charAt(i) !== '\n') return undefined;
  return { name: ctx.text.slice(from, i).trim(), end: i + 1 };
}

/** Text for the person, up to the next marker; a marker still streaming in is not shown. */
function contentUntil(ctx: ScanContext, from: number, markers: readonly string[]): BlockRead {
  let end = ctx.text.length;
  for (const marker of markers) {
    const found = ctx.find(marker, from);
    if (found >= 0 && found < end) end = found;
  }
  const text = ctx.text.slice(from, end);
  const content = end === ctx.text.length && !ctx.final ? stripPartialMarker(text, markers) : text;
  return { next: end, calls: [], problems: [], stop: false, content };
}

function specFor() {
  let lastEnd = 0;
  return {
    open: [V3, V2],
    drop: [`${FROM}assistant`, FROM, STOP],
    read(ctx: ScanContext, at: number, marker: string): BlockRead {
      const { text } = ctx;
      // `>>>` counts at the start, after a line break, or right after the previous block.
      if (marker === V3 && at !== 0 && at !== lastEnd && !/[\s}]/.test(text.charAt(at - 1))) return { next: at + V3.length, calls: [], problems: [], stop: false, none: true };
      const source = text.slice(at, at + 200);
      const recipient = readRecipient(ctx, at + marker.length);
      if (!recipient) return ctx.final ? { next: at + marker.length, calls: [], problems: [problem('incomplete', 'A recipient line was cut off.', source)], stop: false } : unfinished(source);
      let body = recipient.end;
      if (marker === V2) {
        const i = skipSpaces(text, body);
        if (text.startsWith(CONTENT, i)) body = i + CONTENT.length;
        else if (!ctx.final && i + CONTENT.length > text.length && CONTENT.startsWith(text.slice(i))) return unfinished(source, [], [], recipient.name === 'all' ? undefined : recipient.name);
      }
      const block =
        recipient.name === 'all'
          ? contentUntil(ctx, body, marker === V3 ? [V3] : [FROM, STOP])
          : recipient.name === ''
            ? { next: body, calls: [], problems: [problem('missing-name', 'A recipient line is empty.', source)], stop: false }
            : readArguments(ctx, recipient.name, skipSpaces(text, body), source);
      lastEnd = block.next;
      return block;
    },
  };
}

function renderTools(tools: ToolDefinition[]): string {
  return ['// Supported function definitions that should be called when necessary.', toolsJson(tools), '', ADDRESSING].join('\n');
}

/** How each part of an answer is addressed (Functionary v3's recipients). */
const ADDRESSING =
  'Address each part of your answer: write >>>all then a line break before text for the user, and >>>function_name then a line break before the JSON arguments of a call.';


/** The functions listed turn by turn (tool retrieval): each turn's new ones as a JSON list in the user message. */
const listing = toolListing({
  syntax: [`// Supported function definitions are given in the user messages; ${EARLIER_TOOLS_STAY}.`, '', ADDRESSING].join('\n'),
  signature: functionJson,
  list: toolsJson,
});

/** Functionary v3 (`>>>recipient`) and v2 (`<|recipient|>`) turns; renders v3. */
export const functionaryFormat: ToolCallFormat = {
  name: 'functionary',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    const text = content?.trim() ? `${V3}all\n${content.trim()}` : '';
    return text + calls.map((call) => `${V3}${call.name}\n${spacedJson(call.arguments)}`).join('');
  },
  renderResult(result) {
    return JSON.stringify({ name: result.name, content: result.content });
  },
  parse(text, options) {
    // The leading recipient's `>>>` is put back, so it reads like every other block. Only in the
    // final parse: while streaming, a first line followed by `{` may still be prose, and the
    // incremental display (which commits finished lines) must show what a whole-text parse shows.
    const leading = options?.final === true && LEADING_RECIPIENT.test(text);
    return guardParse(() => parseMarked(leading ? V3 + text : text, specFor(), options), text);
  },
  stopSequences: [],
};
