import type { ToolDefinition } from '../types';
import { guardParse, problem } from './call-shape';
import { parseMarked, readJsonCalls, readNamedCallArguments, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { joinTurn, toolsJson } from './json-tagged';
import { skipSpaces } from './text-scan';
import type { ToolCallFormat } from './types';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, functionJson, toolListing } from './listing';

/**
 * Mistral's `[TOOL_CALLS]` in its three generations:
 *
 * - v3 (Mistral 7B v0.3, Mixtral): `[TOOL_CALLS] [{"name": "f", "arguments": {...}}]`
 * - v7 tekken (Mistral Small 3, Pixtral): `[TOOL_CALLS][{"name": "f", "arguments": {...}, "id": "abcdefghi"}]`
 * - v11+ (Magistral, Devstral, Mistral Small 3.2): `[TOOL_CALLS]f[ARGS]{...}`, one marker per call,
 *   optionally `[TOOL_CALLS]f[CALL_ID]abcdefghi[ARGS]{...}`; servers that drop the `[ARGS]` token
 *   from the text (Ollama, llama.cpp without special tokens) show `[TOOL_CALLS]f{...}[TOOL_CALLS]g{...}`.
 *
 * None has a close marker: a call ends where its JSON ends.
 */

const OPEN = '[TOOL_CALLS]';
const ARGS = '[ARGS]';
const CALL_ID = '[CALL_ID]';
const RESULTS_OPEN = '[TOOL_RESULTS]';
const RESULTS_CLOSE = '[/TOOL_RESULTS]';
/** Longest tool name read before `[ARGS]`; a name never runs on for a page. */
const MAX_NAME = 256;

/** v11: `name[CALL_ID]id[ARGS]{json}` after the marker. */
function readNamed(ctx: ScanContext, at: number, from: number): BlockRead {
  const { text } = ctx;
  const source = text.slice(at, at + 200);
  let i = from;
  while (i < text.length && i - from < MAX_NAME && /[\w.-]/.test(text.charAt(i))) i++;
  const name = text.slice(from, i);
  if (i >= text.length) return unfinished(source);
  let j = i;
  if (text.startsWith(CALL_ID, j)) {
    j += CALL_ID.length;
    while (j < text.length && j - i < MAX_NAME && /[\w-]/.test(text.charAt(j))) j++;
  }
  if (!text.startsWith(ARGS, j)) {
    // `[ARGS]` eaten by the server: the JSON arguments follow the name directly.
    const jsonAt = skipSpaces(text, i);
    if (j === i && name !== '' && text.charAt(jsonAt) === '{') return readNamedCallArguments(ctx, name, jsonAt, source, true);
    if (!ctx.final && j === i && jsonAt >= text.length) return unfinished(source, [], [], name);
    if (!ctx.final && j + ARGS.length > text.length && (ARGS.startsWith(text.slice(j)) || CALL_ID.startsWith(text.slice(i)))) return unfinished(source, [], [], name);
    return { next: j, calls: [], problems: [problem('missing-name', 'A [TOOL_CALLS] marker is not followed by a call.', source)], stop: false };
  }
  return readNamedCallArguments(ctx, name, j + ARGS.length, source, true);
}

function readBlock(ctx: ScanContext, at: number): BlockRead {
  const from = skipSpaces(ctx.text, at + OPEN.length);
  if (from >= ctx.text.length) return ctx.final ? { next: from, calls: [], problems: [], stop: false } : unfinished(OPEN);
  const c = ctx.text.charAt(from);
  if (c === '[' || c === '{') return readJsonCalls(ctx, at, from, { keys: { name: ['name'], args: ['arguments', 'parameters'] } });
  return readNamed(ctx, at, from);
}

const SPEC = { open: [OPEN], read: readBlock, hidden: [{ open: RESULTS_OPEN, close: RESULTS_CLOSE }] };

function renderTools(tools: ToolDefinition[]): string {
  return `[AVAILABLE_TOOLS]${toolsJson(tools)}[/AVAILABLE_TOOLS]`;
}


/** The tools listed turn by turn (tool retrieval): each turn's new ones in an `[AVAILABLE_TOOLS]` block of the user message. */
const listing = toolListing({
  syntax: `The available tools are given in [AVAILABLE_TOOLS] blocks in the user messages; ${EARLIER_TOOLS_STAY}.`,
  signature: functionJson,
  list: (tools) => renderTools([...tools]),
});

/**
 * Parses all three `[TOOL_CALLS]` generations (and a fenced JSON list after the marker). Renders the
 * v3/v7 list form, which every Mistral generation reads back in its history.
 */
export const mistralFormat: ToolCallFormat = {
  name: 'mistral',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    if (calls.length === 0) return content?.trim() ?? '';
    return joinTurn(content, `${OPEN}${spacedJson(calls.map((call) => ({ name: call.name, arguments: call.arguments })))}`);
  },
  renderResult(result) {
    const json = JSON.stringify({ name: result.name, content: result.content }).split(RESULTS_CLOSE).join('[\\/TOOL_RESULTS]');
    return `${RESULTS_OPEN}${json}${RESULTS_CLOSE}`;
  },
  parse(text, options) {
    return guardParse(() => parseMarked(text, SPEC, options), text);
  },
  stopSequences: [RESULTS_OPEN],
};
