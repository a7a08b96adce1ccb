import type { ToolDefinition } from '../types';
import { coerceArguments, finishResult, guardParse, joinContent, keepKnownTools, pendingCall, problem, ProblemList } from './call-shape';
import { readJsonValue, type JsonRead } from './json-reader';
import { isPlainObject } from './json-repair';
import { isSpaceCode, skipFenceClose, skipFenceOpen } from './text-scan';
import type { ParsedToolCall, ParseOptions, ParseProblem, ParseResult, ToolCallFormat } from './types';
import { defuseLineLabels, REACT_LABELS } from './quote-result';
import { soleStringParameter } from './xml-values';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, toolListing } from './listing';

/**
 * ReAct (LangChain, ModelScope-Agent, Qwen-Agent):
 *
 * ```
 * Thought: I should look up the weather.
 * Action: get_weather
 * Action Input: {"city": "Paris"}
 * Observation: 18°C, cloudy            ← written by us, after the model stopped at "Observation:"
 * Thought: I now know the final answer
 * Final Answer: It is 18°C and cloudy in Paris.
 * ```
 */

// Longer labels first: "Action Input:" must not be read as "Action:".
const LABELS = ['Action Input:', 'Action:', 'Thought:', 'Observation:', 'Final Answer:'] as const;
type Label = (typeof LABELS)[number] | 'preamble';

interface Segment {
  label: Label;
  /** Where the text after the label starts. */
  body: number;
  /** Where the next label's line starts (or the end of the text). */
  end: number;
}

/** Splits the text at lines that start with a label (leading spaces allowed). One pass. */
function segment(text: string): Segment[] {
  const segments: Segment[] = [{ label: 'preamble', body: 0, end: text.length }];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let i = lineStart;
    while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
    const label = LABELS.find((candidate) => text.startsWith(candidate, i));
    if (label) {
      const previous = segments[segments.length - 1];
      if (previous) previous.end = lineStart;
      segments.push({ label, body: i + label.length, end: text.length });
    }
    const newline = text.indexOf('\n', i);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return segments;
}

/** A streamed last line that is the start of a label ("Final Ans") is not content yet. */
function dropPartialLabel(text: string): string {
  const lineStart = text.lastIndexOf('\n') + 1;
  const line = text.slice(lineStart).trimStart();
  if (line === '' || line.length > 'Final Answer:'.length) return text;
  return LABELS.some((label) => label.length > line.length && label.startsWith(line)) ? text.slice(0, lineStart) : text;
}

const NAME_NOISE = ' \t\r`"\'*[]';

/** The tool name on an `Action:` line, without quotes, backticks, brackets or bold markers. */
function actionName(text: string, segment: Segment): string {
  let end = text.indexOf('\n', segment.body);
  if (end < 0 || end > segment.end) end = segment.end;
  let start = segment.body;
  while (start < end && NAME_NOISE.includes(text.charAt(start))) start++;
  while (end > start && NAME_NOISE.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/** One tool's line in the ReAct tool list. */
function reactToolLine(tool: ToolDefinition): string {
  return `${tool.name}: ${tool.description} Parameters: ${JSON.stringify(tool.parameters)} Format the arguments as a JSON object.`;
}

function renderTools(tools: ToolDefinition[]): string {
  return [
    'Answer the following questions as best you can. You have access to the following tools:',
    '',
    ...tools.map(reactToolLine),
    '',
    ...reactSyntax(`one of [${tools.map((tool) => tool.name).join(', ')}]`),
  ].join('\n');
}

/** The ReAct format instructions; `choice` says which tool names the Action may take. */
function reactSyntax(choice: string): string[] {
  return [
    'Use the following format:',
    '',
    'Question: the input question you must answer',
    'Thought: you should always think about what to do',
    `Action: the action to take, should be ${choice}`,
    'Action Input: the input to the action, as a JSON object',
    'Observation: the result of the action',
    '... (this Thought/Action/Action Input/Observation can be repeated zero or more times)',
    'Thought: I now know the final answer',
    'Final Answer: the final answer to the original input question',
    '',
    'Begin!',
  ];
}

function parseReact(raw: string, options: ParseOptions = {}): ParseResult {
  const final = options.final === true;
  const text = final ? raw : dropPartialLabel(raw);
  const segments = segment(text);
  const calls: ParsedToolCall[] = [];
  const problems = new ProblemList();
  const pieces: string[] = [];
  let answer: string | undefined;

  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    if (!seg) continue;
    const source = text.slice(seg.body, Math.min(seg.end, seg.body + 200));
    if (seg.label === 'preamble' || seg.label === 'Thought:') {
      pieces.push(text.slice(seg.body, seg.end));
    } else if (seg.label === 'Final Answer:') {
      // As in LangChain: everything after "Final Answer:" is the answer.
      answer = text.slice(seg.body);
      break;
    } else if (seg.label === 'Action Input:') {
      problems.push(problem('missing-name', 'An Action Input has no Action before it.', source));
    } else if (seg.label === 'Action:') {
      const input = segments[k + 1]?.label === 'Action Input:' ? segments[k + 1] : undefined;
      if (input) k++;
      const open = (input ?? seg).end >= text.length && !final; // may still be streaming
      const outcome = readAction(text, seg, input, open, options.tools);
      if (outcome === 'incomplete') {
        // The Action line is complete once its Action Input has begun.
        problems.push(pendingCall(source, input ? actionName(text, seg) : undefined));
        break;
      }
      problems.push(...outcome.problems);
      if (outcome.call) calls.push(outcome.call);
    }
    // Observation segments are tool results (or invented ones): never content.
  }
  if (answer !== undefined) {
    const kept = keepKnownTools(calls, problems, options.tools);
    return { content: joinContent([answer]), calls: kept, problems: problems.list() };
  }
  return finishResult(pieces, calls, problems, options.tools);
}

/**
 * True when an Action Input is not a JSON object and cannot be read as one: prose, or a JSON string
 * or number that does not decode to an object. Text that starts like an object or array is broken
 * JSON, not prose, and keeps its error.
 */
function plainTextInput(text: string, at: number, read: JsonRead): boolean {
  const c = text.charAt(at);
  if (c === '{' || c === '[') return false;
  if (read.error !== undefined) return true;
  if (read.value === undefined || isPlainObject(read.value)) return false;
  return typeof read.value !== 'string' || 'error' in coerceArguments(read.value, false);
}

/** The plain text of an Action Input: surrounding space, a code fence and matching quotes removed. */
function plainInput(text: string, from: number, end: number): string {
  const fence = skipFenceOpen(text, from, end);
  let raw = text.slice(fence.at, end).trim();
  if (fence.fenced && raw.endsWith('```')) raw = raw.slice(0, -3).trim();
  const q = raw.charAt(0);
  return raw.length >= 2 && (q === '"' || q === "'" || q === '`') && raw.endsWith(q) ? raw.slice(1, -1) : raw;
}

/** Reads one Action / Action Input pair. */
function readAction(
  text: string,
  action: Segment,
  input: Segment | undefined,
  open: boolean,
  tools: ParseOptions['tools'],
): 'incomplete' | { call?: ParsedToolCall; problems: ParseProblem[] } {
  if (!input) {
    if (open) return 'incomplete';
    return { problems: [problem('incomplete', 'An Action has no Action Input.', text.slice(action.body, action.end))] };
  }
  const source = text.slice(input.body, Math.min(input.end, input.body + 200));
  // Trailing whitespace before the next label is layout, not part of an unterminated string.
  let end = input.end;
  while (end > input.body && isSpaceCode(text.charCodeAt(end - 1))) end--;
  const fence = skipFenceOpen(text, input.body, end);
  const read = readJsonValue(text, fence.at, end);
  if ((read.truncated || read.value === undefined) && open && read.error === undefined) return 'incomplete';
  const name = actionName(text, action);
  if (name === '') return { problems: [problem('missing-name', 'An Action has no tool name.', source)] };
  const sole = plainTextInput(text, fence.at, read) ? soleStringParameter(tools, name) : undefined;
  if (sole !== undefined) {
    // Plain text (or a JSON string) for a tool whose only parameter is a string: that parameter.
    if (open) return 'incomplete';
    const value = typeof read.value === 'string' && read.error === undefined ? read.value : plainInput(text, input.body, end);
    return { call: { name, arguments: { [sole]: value } }, problems: [problem('repaired', `Arguments of ${name}: read the plain Action Input as "${sole}".`, source)] };
  }
  if (read.error !== undefined) {
    return { problems: [problem('bad-arguments', `Action Input of ${name} is not a JSON object: ${read.error}.`, source)] };
  }
  const repairs = read.value === undefined ? ['empty Action Input read as {}'] : [...read.repairs];
  if (read.value !== undefined && skipFenceClose(text, read.end, end) < end) repairs.push('ignored text after the Action Input JSON');
  const args = read.value === undefined ? { value: {}, repairs: [] } : coerceArguments(read.value, false);
  if ('error' in args) {
    return { problems: [problem('bad-arguments', `Action Input of ${name} ${args.error}`, source)] };
  }
  repairs.push(...args.repairs);
  return {
    call: { name, arguments: args.value },
    problems: repairs.map((repair) => problem('repaired', `Arguments of ${name}: ${repair}.`, source)),
  };
}


/** The tools listed turn by turn (tool retrieval): the syntax once, each turn's new tool lines in the user message. */
const listing = toolListing({
  syntax: [
    `Answer the following questions as best you can. You have access to the tools listed in the user messages; ${EARLIER_TOOLS_STAY}.`,
    '',
    ...reactSyntax('one of the tools listed'),
  ].join('\n'),
  signature: reactToolLine,
  open: 'You have access to the following tools:',
});

/**
 * Parses ReAct text. Calls: each `Action:` line followed by an `Action Input:` JSON object (fenced or
 * not, repaired as `repairJson`, a JSON string holding an object is decoded). Content: the text after
 * `Final Answer:` when there is one, otherwise the preamble and `Thought:` text; `Observation:` text is
 * never content. Not finished (non-final): an Action without its Action Input, or unfinished JSON.
 */
export const reactFormat: ToolCallFormat = {
  name: 'react',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    const thought = content?.trim() ? [`Thought: ${content.trim()}`] : [];
    const steps = calls.map((call) => `Action: ${call.name}\nAction Input: ${spacedJson(call.arguments)}`);
    return [...thought, ...steps].join('\n');
  },
  renderResult(result) {
    // The observation must not be able to write the model's next Thought, Action or Final Answer.
    return `Observation: ${defuseLineLabels(result.content, REACT_LABELS)}`;
  },
  parse(text, options) {
    return guardParse(() => parseReact(text, options), text);
  },
  stopSequences: ['Observation:'],
};
