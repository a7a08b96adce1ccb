import type { ToolDefinition } from '../types';
import { renderToolResponse, TOOL_RESPONSE } from './hermes';
import { coerceArguments, guardParse, problem } from './call-shape';
import { readJsonValue, setOwn } from './json-reader';
import { expectClose, parseMarked, readJsonCalls, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { joinTurn } from './json-tagged';
import { skipSpaces } from './text-scan';
import type { ParseOptions, ParseProblem, ToolCallFormat } from './types';
import { decodeValue, encodeValue, schemaType } from './xml-values';
import { EARLIER_TOOLS_STAY, toolListing } from './listing';

/**
 * `<function=name>` calls, inside or outside `<tool_call>`:
 *
 * - Qwen3-Coder XML: `<tool_call>\n<function=f>\n<parameter=city>\nParis\n</parameter>\n</function>\n</tool_call>`
 * - Llama 3.1 custom-tool / Functionary v3.1 style: `<function=f>{"city": "Paris"}</function>`
 * - The attribute spelling models drift into: `<function name="f">{"city": "Paris"}</function>` or
 *   `<function name="f"><parameter name="city">Paris</parameter></function>` (quotes optional).
 *
 * A JSON `<tool_call>` block met along the way is read too (models mix them in long sessions).
 */

const TOOL_CALL = '<tool_call>';
const TOOL_CALL_CLOSE = '</tool_call>';
const FUNCTION = '<function=';
const FUNCTION_NAMED = '<function name=';
const FUNCTION_CLOSE = '</function>';
const PARAMETER = '<parameter=';
const PARAMETER_NAMED = '<parameter name=';
const PARAMETER_CLOSE = '</parameter>';
const RESPONSE = TOOL_RESPONSE;
/** Longest name between `=` and `>`; bounds the scan on text that never closes the tag. */
const MAX_NAME = 256;

/** The opener at `i` among `openers`, if any. */
function openerAt(text: string, i: number, openers: readonly string[]): string | undefined {
  return openers.find((opener) => text.startsWith(opener, i));
}

/** A name written as an attribute value may be quoted: `"f"` or `'f'` is `f`. */
function unquote(name: string): string {
  const q = name.charAt(0);
  return name.length >= 2 && (q === '"' || q === "'") && name.endsWith(q) ? name.slice(1, -1).trim() : name;
}

/** Reads `name>` at `from`: the name (unquoted), the index after `>`, or why not. */
function readTagName(ctx: ScanContext, from: number): { name: string; end: number } | 'wait' | 'bad' {
  const { text } = ctx;
  let i = from;
  while (i < text.length && i - from <= MAX_NAME && text.charAt(i) !== '>' && text.charAt(i) !== '\n') i++;
  if (i >= text.length) return ctx.final ? 'bad' : 'wait';
  if (text.charAt(i) !== '>') return 'bad';
  const name = unquote(text.slice(from, i).trim());
  return name === '' ? 'bad' : { name, end: i + 1 };
}

interface Body {
  args: Record<string, unknown>;
  end: number;
  problems: ParseProblem[];
}

/** `<parameter=k>value</parameter>` (or `<parameter name="k">`)… up to `</function>`. */
function readParameters(ctx: ScanContext, name: string, from: number, tools: ParseOptions['tools'], source: string): Body | 'wait' {
  const { text } = ctx;
  const args: Record<string, unknown> = {};
  const problems: ParseProblem[] = [];
  let i = from;
  for (;;) {
    i = skipSpaces(text, i);
    if (text.startsWith(FUNCTION_CLOSE, i)) return { args, end: i + FUNCTION_CLOSE.length, problems };
    const opener = openerAt(text, i, [PARAMETER, PARAMETER_NAMED]);
    if (opener !== undefined) {
      const key = readTagName(ctx, i + opener.length);
      if (key === 'wait') return 'wait';
      if (key === 'bad') {
        problems.push(problem('bad-arguments', `A parameter of ${name} has no name.`, source));
        i += opener.length;
        continue;
      }
      const closeAt = ctx.find(PARAMETER_CLOSE, key.end);
      const fnClose = ctx.find(FUNCTION_CLOSE, key.end);
      let valueEnd: number;
      if (closeAt >= 0 && (fnClose < 0 || closeAt < fnClose)) {
        valueEnd = closeAt;
        i = closeAt + PARAMETER_CLOSE.length;
      } else if (fnClose >= 0 || ctx.final) {
        valueEnd = fnClose >= 0 ? fnClose : text.length;
        i = valueEnd;
        problems.push(problem('repaired', `Arguments of ${name}: added the missing ${PARAMETER_CLOSE}.`, source));
      } else {
        return 'wait';
      }
      setOwn(args, key.name, decodeValue(text.slice(key.end, valueEnd), schemaType(tools, name, key.name)));
      continue;
    }
    if (i >= text.length && ctx.final) {
      problems.push(problem('repaired', `Arguments of ${name}: added the missing ${FUNCTION_CLOSE}.`, source));
      return { args, end: i, problems };
    }
    const rest = text.slice(i, i + FUNCTION_CLOSE.length);
    if (!ctx.final && (FUNCTION_CLOSE.startsWith(rest) || PARAMETER.startsWith(rest) || PARAMETER_NAMED.startsWith(text.slice(i, i + PARAMETER_NAMED.length)))) return 'wait';
    const fnClose = ctx.find(FUNCTION_CLOSE, i);
    if (fnClose < 0 && !ctx.final) return 'wait';
    problems.push(problem('repaired', `Arguments of ${name}: ignored text that is not a parameter.`, source));
    return { args, end: fnClose < 0 ? text.length : fnClose + FUNCTION_CLOSE.length, problems };
  }
}

/** A body that could not be read: why, and where the scan resumes (past what the reader looked at). */
interface BadBody {
  problem: ParseProblem;
  end: number;
}

/** `{json}</function>`. */
function readJsonBody(ctx: ScanContext, name: string, from: number, source: string): Body | 'wait' | BadBody {
  const read = readJsonValue(ctx.text, from);
  // Resuming at the end of what was read (not just after `{`) keeps hostile text linear: the
  // markers inside the bad JSON are data, and reading them again made the scan quadratic.
  if (read.error !== undefined) return { problem: problem('bad-arguments', `Arguments of ${name} are not JSON: ${read.error}.`, source), end: read.end };
  if ((read.truncated && !ctx.final) || read.value === undefined) return 'wait';
  const args = coerceArguments(read.value, false);
  if ('error' in args) return { problem: problem('bad-arguments', `Arguments of ${name} ${args.error}`, source), end: read.end };
  const close = expectClose(ctx, read.end, FUNCTION_CLOSE);
  if (close === 'wait') return 'wait';
  const repairs = [...read.repairs, ...args.repairs, ...(close.missing ? [`added the missing ${FUNCTION_CLOSE}`] : [])];
  return { args: args.value, end: close.next, problems: repairs.map((repair) => problem('repaired', `Arguments of ${name}: ${repair}.`, source)) };
}

function readFunction(ctx: ScanContext, at: number, from: number, opener: string, wrapped: boolean, tools: ParseOptions['tools']): BlockRead {
  const source = ctx.text.slice(at, at + 200);
  const tag = readTagName(ctx, from + opener.length);
  if (tag === 'wait') return unfinished(source);
  if (tag === 'bad') return { next: from + opener.length, calls: [], problems: [problem('missing-name', `A ${opener} tag has no name.`, source)], stop: false };
  const bodyAt = skipSpaces(ctx.text, tag.end);
  const body = ctx.text.charAt(bodyAt) === '{' ? readJsonBody(ctx, tag.name, bodyAt, source) : readParameters(ctx, tag.name, bodyAt, tools, source);
  if (body === 'wait') return unfinished(source, [], [], tag.name);
  if (!('args' in body)) return { next: Math.max(body.end, bodyAt + 1), calls: [], problems: [body.problem], stop: false };
  const call = { name: tag.name, arguments: body.args };
  if (!wrapped) return { next: body.end, calls: [call], problems: body.problems, stop: false };
  const close = expectClose(ctx, body.end, TOOL_CALL_CLOSE);
  if (close === 'wait') return unfinished(source, [], [], tag.name);
  const problems = close.missing ? [...body.problems, problem('repaired', `Added the missing ${TOOL_CALL_CLOSE}.`, source)] : body.problems;
  return { next: close.next, calls: [call], problems, stop: false };
}

function specFor(options: ParseOptions | undefined) {
  return {
    open: [TOOL_CALL, FUNCTION, FUNCTION_NAMED],
    hidden: [RESPONSE],
    read(ctx: ScanContext, at: number, marker: string): BlockRead {
      if (marker !== TOOL_CALL) return readFunction(ctx, at, at, marker, false, options?.tools);
      const from = skipSpaces(ctx.text, at + TOOL_CALL.length);
      const inner = openerAt(ctx.text, from, [FUNCTION, FUNCTION_NAMED]);
      if (inner !== undefined) return readFunction(ctx, at, from, inner, true, options?.tools);
      const rest = ctx.text.slice(from, from + FUNCTION_NAMED.length);
      if (!ctx.final && rest.length < FUNCTION_NAMED.length && FUNCTION_NAMED.startsWith(rest)) return unfinished(ctx.text.slice(at, at + 200));
      return readJsonCalls(ctx, at, from, { keys: { name: ['name'], args: ['arguments', 'parameters'] }, close: TOOL_CALL_CLOSE });
    },
  };
}

/** One function as the `<tools>` block writes it. */
function functionBlock(tool: ToolDefinition): string {
  return ['<function>', `<name>${tool.name}</name>`, `<description>${tool.description}</description>`, `<parameters>${JSON.stringify(tool.parameters)}</parameters>`, '</function>'].join('\n');
}

function renderTools(tools: ToolDefinition[]): string {
  return ['# Tools', '', 'You have access to the following functions:', '', '<tools>', ...tools.map(functionBlock), '</tools>', '', ...CALL_SYNTAX].join('\n');
}

/** How to write a call (the Qwen3-Coder template's words). */
const CALL_SYNTAX = [
    'If you choose to call a function ONLY reply in the following format with NO suffix:',
    '',
    '<tool_call>\n<function=example_function_name>\n<parameter=example_parameter_1>\nvalue_1\n</parameter>\n</function>\n</tool_call>',
    '',
    'Function calls MUST follow the specified format: an inner <function=...></function> block must be nested within <tool_call></tool_call> XML tags. Required parameters MUST be specified.',
];

/** A key the XML form can carry (it ends at `>` and lives on one line). */
const XML_KEY = /^[^<>\n\s]+$/;

function renderCall(call: { name: string; arguments: Record<string, unknown> }): string {
  const keys = Object.keys(call.arguments);
  // Keys the tag cannot hold fall back to the JSON body, which the parser reads as well.
  const body = keys.every((key) => XML_KEY.test(key))
    ? keys.map((key) => `${PARAMETER}${key}>\n${encodeValue(call.arguments[key])}\n${PARAMETER_CLOSE}\n`).join('')
    : `${JSON.stringify(call.arguments).split('</').join('<\\/')}\n`;
  return `${TOOL_CALL}\n${FUNCTION}${call.name}>\n${body}${FUNCTION_CLOSE}\n${TOOL_CALL_CLOSE}`;
}


/** The functions listed turn by turn (tool retrieval): `<function>` blocks in a `<tools>` block of the user message. */
const listing = toolListing({
  syntax: [
    '# Tools',
    '',
    `You have access to the functions listed within <tools></tools> XML tags in the user messages; ${EARLIER_TOOLS_STAY}.`,
    '',
    ...CALL_SYNTAX,
  ].join('\n'),
  signature: functionBlock,
  open: '<tools>',
  close: '</tools>',
});

/**
 * Qwen3-Coder XML calls (and `<function=name>{json}</function>`, and the `<function name="…">`
 * spelling of both); results as `<tool_response>`.
 */
export const qwen3CoderFormat: ToolCallFormat = {
  name: 'qwen3-coder',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    return calls.length === 0 ? (content?.trim() ?? '') : joinTurn(content, calls.map(renderCall).join('\n'));
  },
  renderResult: renderToolResponse,
  parse(text, options) {
    return guardParse(() => parseMarked(text, specFor(options), options), text);
  },
  stopSequences: [RESPONSE.open],
};
