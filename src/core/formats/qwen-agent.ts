import type { ToolDefinition } from '../types';
import { guardParse, problem } from './call-shape';
import { joinTurn } from './json-tagged';
import { parseMarked, readNamedCallArguments, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { skipSpaces } from './text-scan';
import type { ToolCallFormat } from './types';
import { replaceMarkers } from './quote-result';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, toolListing } from './listing';

/**
 * Qwen-Agent's text function calling (its default "qwen" fncall prompt):
 *
 * ```
 * ✿FUNCTION✿: get_weather
 * ✿ARGS✿: {"city": "Paris"}
 * ✿RESULT✿: 18°C
 * ✿RETURN✿: It is 18°C in Paris.
 * ```
 *
 * `✿RESULT✿` text is a tool result (hidden); `✿RETURN✿` text is the answer (the marker is dropped).
 */

const FUNCTION = '✿FUNCTION✿';
const ARGS = '✿ARGS✿';
const RESULT = '✿RESULT✿';
const RETURN = '✿RETURN✿';
const MAX_NAME = 256;

/** Skips the `:` (ASCII or full-width) and spaces after a marker. */
function afterLabel(text: string, from: number): number {
  let i = skipSpaces(text, from);
  if (text.charAt(i) === ':' || text.charAt(i) === '：') i++;
  return i;
}

function readFunction(ctx: ScanContext, at: number): BlockRead {
  const { text } = ctx;
  const source = text.slice(at, at + 200);
  const from = afterLabel(text, at + FUNCTION.length);
  let i = from;
  while (i < text.length && i - from <= MAX_NAME && text.charAt(i) !== '\n') i++;
  if (i >= text.length && !ctx.final) return unfinished(source);
  const name = text.slice(from, i).trim();
  const argsAt = skipSpaces(text, i);
  if (!text.startsWith(ARGS, argsAt)) {
    if (!ctx.final && argsAt + ARGS.length > text.length && ARGS.startsWith(text.slice(argsAt))) return unfinished(source, [], [], name);
    return { next: i, calls: [], problems: [problem('incomplete', `${FUNCTION} has no ${ARGS}.`, source)], stop: false };
  }
  if (name === '') return { next: argsAt + ARGS.length, calls: [], problems: [problem('missing-name', `${FUNCTION} has no name.`, source)], stop: false };
  return readNamedCallArguments(ctx, name, afterLabel(text, argsAt + ARGS.length), source, false);
}

function read(ctx: ScanContext, at: number, marker: string): BlockRead {
  if (marker === FUNCTION) return readFunction(ctx, at);
  if (marker === RETURN) return { next: afterLabel(ctx.text, at + RETURN.length), calls: [], problems: [], stop: false };
  // A result (usually one the model invented): hidden up to the next marker.
  const ends = [ctx.find(FUNCTION, at), ctx.find(RETURN, at)].filter((found) => found >= 0);
  return { next: ends.length > 0 ? Math.min(...ends) : ctx.text.length, calls: [], problems: [], stop: false };
}

const SPEC = { open: [FUNCTION, RESULT, RETURN], read };

/** One tool's section in the Qwen-Agent tool list. */
function toolSection(tool: ToolDefinition): string {
  return `### ${tool.name}\n\n${tool.name}: ${tool.description} Parameters: ${JSON.stringify(tool.parameters)} Format the arguments as a JSON object.`;
}

function renderTools(tools: ToolDefinition[]): string {
  return [
    '# Tools',
    '',
    '## You have access to the following tools:',
    '',
    ...tools.map(toolSection),
    '',
    ...callSyntax(`one of [${tools.map((tool) => tool.name).join(',')}]`),
  ].join('\n');
}

/** How to insert a call; `choice` says which tool names it may take. */
function callSyntax(choice: string): string[] {
  return [
    '## When you need to call a tool, please insert the following command in your reply, which can be called zero or multiple times according to your needs:',
    '',
    `${FUNCTION}: The tool to use, should be ${choice}`,
    `${ARGS}: The input of the tool`,
    `${RESULT}: Tool results`,
    `${RETURN}: Reply based on tool results. Images need to be rendered as ![](url)`,
  ];
}


/** The tools listed turn by turn (tool retrieval): each turn's new tool sections in the user message. */
const listing = toolListing({
  syntax: ['# Tools', '', `## You have access to the tools listed in the user messages; ${EARLIER_TOOLS_STAY}.`, '', ...callSyntax('one of the listed tools')].join('\n'),
  signature: toolSection,
  list: (tools) => tools.map(toolSection).join('\n\n'),
});

/** Qwen-Agent `✿FUNCTION✿`/`✿ARGS✿` calls; results as `✿RESULT✿:` lines. */
export const qwenAgentFormat: ToolCallFormat = {
  name: 'qwen-agent',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    if (calls.length === 0) return content?.trim() ?? '';
    return joinTurn(content, calls.map((call) => `${FUNCTION}: ${call.name}\n${ARGS}: ${spacedJson(call.arguments)}`).join('\n'));
  },
  renderResult(result) {
    // Qwen-Agent's markers inside a result would let it pose as a call or as the answer.
    return `${RESULT}: ${replaceMarkers(result.content, [FUNCTION, ARGS, RESULT, RETURN], (marker) => marker.replace(/✿/g, '❀'))}`;
  },
  parse(text, options) {
    return guardParse(() => parseMarked(text, SPEC, options), text);
  },
  stopSequences: [RESULT],
};
