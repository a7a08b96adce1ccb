import type { ToolDefinition } from '../types';
import { coerceArguments, getOwn, guardParse, problem } from './call-shape';
import { readJsonValue } from './json-reader';
import { isPlainObject } from './json-repair';
import { expectClose, parseMarked, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { skipFenceOpen, skipSpaces } from './text-scan';
import type { ParseOptions, ParseResult, ToolCallFormat } from './types';
import { defuseLineLabels, REACT_LABELS } from './quote-result';
import { soleStringParameter } from './xml-values';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, toolListing } from './listing';

/**
 * ReAct with JSON actions (LangChain structured chat / JSON agents):
 *
 * ```
 * Thought: I need the weather.
 * Action:
 * ```json
 * {"action": "get_weather", "action_input": {"city": "Paris"}}
 * ```
 * ```
 *
 * `{"action": "Final Answer", "action_input": "..."}` is the answer, not a call. An `action_input`
 * that is not an object (LangChain passes a single string to one-input tools) becomes `{"input": …}`.
 */

const ACTION = 'Action:';
const FENCE = '```';
const FINAL = 'final answer';

function isAction(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && typeof getOwn(value, 'action') === 'string';
}

function readBlob(ctx: ScanContext, at: number, marker: string, answers: string[], tools: ParseOptions['tools']): BlockRead {
  const { text } = ctx;
  const source = text.slice(at, at + 200);
  let from = marker === ACTION ? skipSpaces(text, at + ACTION.length) : at;
  if (marker === ACTION && from >= text.length && !ctx.final) return unfinished(source);
  const fence = skipFenceOpen(text, from);
  if (fence.fenced && fence.at >= text.length && !ctx.final) return unfinished(source);
  from = skipSpaces(text, fence.at);
  if (text.charAt(from) !== '{') return { next: 0, calls: [], problems: [], stop: false, none: true };
  // Only an object whose first key is "action" is read: other JSON stays prose, unread.
  const key = skipSpaces(text, from + 1);
  if (!'"action"'.startsWith(text.slice(key, key + 8))) {
    return { next: 0, calls: [], problems: [], stop: false, none: true };
  }
  const read = readJsonValue(text, from);
  if (read.error !== undefined) return { next: Math.max(read.end, from + 1), calls: [], problems: [], stop: false, none: true };
  if (read.truncated && !ctx.final) return unfinished(source);
  if (!isAction(read.value)) return { next: read.end, calls: [], problems: [], stop: false, none: true };
  let next = read.end;
  if (fence.fenced) {
    const close = expectClose(ctx, read.end, FENCE);
    if (close === 'wait') return unfinished(source);
    next = close.next;
  }
  const name = String(getOwn(read.value, 'action')).trim();
  const input = getOwn(read.value, 'action_input');
  if (name.toLowerCase() === FINAL) {
    answers.push(typeof input === 'string' ? input : JSON.stringify(input ?? ''));
    return { next, calls: [], problems: [], stop: false };
  }
  const repairs = [...read.repairs];
  let args = isPlainObject(input) ? { value: input, repairs: [] as string[] } : coerceArguments(input ?? {}, false);
  if ('error' in args) {
    // A tool whose only parameter is a string takes the text as that parameter (LangChain's
    // structured chat writes single-input tools this way); otherwise it goes as {"input": …}.
    const key = soleStringParameter(tools, name) ?? 'input';
    args = { value: { [key]: input }, repairs: [`a non-object action_input was passed as {"${key}": …}`] };
  }
  repairs.push(...args.repairs);
  return {
    next,
    calls: [{ name, arguments: args.value }],
    problems: repairs.map((repair) => problem('repaired', `Arguments of ${name}: ${repair}.`, source)),
    stop: false,
  };
}

function parseReactJson(text: string, options: ParseOptions = {}): ParseResult {
  const answers: string[] = [];
  const spec = {
    open: [ACTION, FENCE, '{'],
    read: (ctx: ScanContext, at: number, marker: string) => readBlob(ctx, at, marker, answers, options.tools),
  };
  const result = parseMarked(text, spec, options);
  // As in LangChain, a final answer is the whole answer (the thoughts before it are not shown).
  return answers.length > 0 ? { ...result, content: answers.join('\n').trim() } : result;
}

/** One tool's line in the tool list. */
function toolLine(tool: ToolDefinition): string {
  return `${tool.name}: ${tool.description}, args: ${JSON.stringify(tool.parameters)}`;
}

function renderTools(tools: ToolDefinition[]): string {
  return [
    'Respond to the human as helpfully and accurately as possible. You have access to the following tools:',
    '',
    ...tools.map(toolLine),
    '',
    ...blobSyntax(tools.map((tool) => tool.name).join(', ')),
  ].join('\n');
}

/** How to write an action blob; `choice` says which tool names the action may take. */
function blobSyntax(choice: string): string[] {
  return [
    'Use a json blob to specify a tool by providing an action key (tool name) and an action_input key (tool input).',
    `Valid "action" values: "Final Answer" or ${choice}`,
    '',
    'Provide only ONE action per $JSON_BLOB, as shown:',
    '```\n{\n  "action": $TOOL_NAME,\n  "action_input": $INPUT\n}\n```',
    '',
    'Follow this format:',
    'Question: input question to answer',
    'Thought: consider previous and subsequent steps',
    'Action:\n```\n$JSON_BLOB\n```',
    'Observation: action result',
    '... (repeat Thought/Action/Observation N times)',
    'Thought: I know what to respond',
    'Action:\n```\n{\n  "action": "Final Answer",\n  "action_input": "Final response to human"\n}\n```',
  ];
}


/** The tools listed turn by turn (tool retrieval): the syntax once, each turn's new tool lines in the user message. */
const listing = toolListing({
  syntax: [
    `Respond to the human as helpfully and accurately as possible. You have access to the tools listed in the user messages; ${EARLIER_TOOLS_STAY}.`,
    '',
    ...blobSyntax('the name of a listed tool'),
  ].join('\n'),
  signature: toolLine,
  open: 'You have access to the following tools:',
});

/** LangChain-style JSON ReAct: `Action:` + a fenced `{"action", "action_input"}` blob. */
export const reactJsonFormat: ToolCallFormat = {
  name: 'react-json',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    const blobs = calls.map((call) => `${ACTION}\n${FENCE}\n${spacedJson({ action: call.name, action_input: call.arguments })}\n${FENCE}`);
    return [content?.trim() ?? '', ...blobs].filter((part) => part !== '').join('\n');
  },
  renderResult(result) {
    // The observation must not be able to write the model's next Thought, Action or Final Answer.
    return `Observation: ${defuseLineLabels(result.content, REACT_LABELS)}`;
  },
  parse(text, options) {
    return guardParse(() => parseReactJson(text, options), text);
  },
  stopSequences: ['Observation:'],
};
