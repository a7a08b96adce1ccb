import type { ToolDefinition } from '../types';
import { isPlainObject, repairJson } from './json-repair';
import type { ParsedToolCall, ParseProblem, ParseResult } from './types';

/** Longest excerpt kept in a problem: enough to recognise the text, small enough to log. */
const EXCERPT_CHARS = 120;

/** Shortens offending text for a problem report. */
export function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** Builds a problem; `text` becomes the (truncated) excerpt. */
export function problem(kind: ParseProblem['kind'], message: string, text?: string): ParseProblem {
  return text === undefined ? { kind, message } : { kind, message, excerpt: excerpt(text) };
}

/**
 * The 'incomplete' problem of a call that is still being written; `name` when its tool name is
 * already complete (see `ParseProblem.name`).
 */
export function pendingCall(source: string, name?: string, message = 'Tool call not finished yet.'): ParseProblem {
  const found = problem('incomplete', message, source);
  return name === undefined || name === '' ? found : { ...found, name };
}

/** How far into a JSON call body its name is looked for: the name comes first in every template. */
const NAME_WINDOW = 600;
/** Characters of a JSON string without escapes: a name needs none. */
const PLAIN_STRING = /^"([^"\\\n]{1,256})"/;

/**
 * The tool name of a JSON call body that is still streaming in (`{"name": "f", "arguments": {…`),
 * when the name is written first and in full (its closing quote seen). Looks only at the start of
 * the body (an optional `[` of a list, then the first object's first key), so it costs nothing on
 * long text.
 */
export function jsonCallName(text: string, from: number, keys: CallKeys): string | undefined {
  const head = text.slice(from, from + NAME_WINDOW);
  const open = /^\s*(?:\[\s*)?\{\s*"([^"\\]{1,64})"\s*:\s*/.exec(head);
  if (!open?.[1] || !keys.name.includes(open[1])) return undefined;
  const value = PLAIN_STRING.exec(head.slice(open[0].length));
  return value?.[1]?.trim() || undefined;
}

/** Most problems one parse lists; hostile text can otherwise produce one per few bytes. */
export const MAX_PROBLEMS = 100;

/**
 * The problems of one parse, capped at {@link MAX_PROBLEMS}: the rest are counted and summed up in a
 * last entry, so 1 MB of broken calls yields a readable report, not 100,000 objects.
 */
export class ProblemList {
  private readonly items: ParseProblem[] = [];
  private omitted = 0;
  private lastOmitted: ParseProblem['kind'] = 'invalid-json';

  /** Adds problems; past the cap they are only counted. */
  push(...problems: ParseProblem[]): void {
    for (const item of problems) {
      if (this.items.length < MAX_PROBLEMS) {
        this.items.push(item);
      } else {
        this.omitted++;
        this.lastOmitted = item.kind;
      }
    }
  }

  /** The listed problems, plus one entry that says how many were left out (if any). */
  list(): ParseProblem[] {
    if (this.omitted === 0) return this.items;
    return [...this.items, { kind: this.lastOmitted, message: `${this.omitted} more problems were not listed.` }];
  }
}

/** Reads an own property only: a parsed object has no `name` just because a prototype does. */
export function getOwn(target: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
}

function hasOwn(target: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

/** Which keys of a call object hold the name and the arguments, in order of preference. */
export interface CallKeys {
  name: readonly string[];
  args: readonly string[];
  /**
   * Arguments are natively a JSON string here (OpenAI's `function.arguments`), so decoding one is not
   * a repair.
   */
  stringArgsNative?: boolean;
}

/** One call read from an object, or the reason it could not be. */
export type CallOutcome = { call: ParsedToolCall; problems: ParseProblem[] } | { problems: ParseProblem[] };

/**
 * Turns a parsed call object (`{"name": ..., "arguments": {...}}` and the like) into a call.
 * Arguments given as a JSON string are decoded; missing ones become `{}`; anything that is not an
 * object after repair drops the call with a 'bad-arguments' problem. Every repair is reported.
 */
export function callFromObject(value: unknown, keys: CallKeys, source: string): CallOutcome {
  if (!isPlainObject(value)) return { problems: [problem('missing-name', 'A tool call must be a JSON object.', source)] };
  const nameKey = keys.name.find((key) => hasOwn(value, key));
  const rawName = nameKey === undefined ? undefined : getOwn(value, nameKey);
  const name = typeof rawName === 'string' ? rawName.trim() : '';
  if (name === '') {
    return { problems: [problem('missing-name', `A tool call has no "${keys.name[0] ?? 'name'}".`, source)] };
  }
  const argsKey = keys.args.find((key) => hasOwn(value, key));
  if (argsKey === undefined) {
    return {
      call: { name, arguments: {} },
      problems: [problem('repaired', `Call to ${name} had no arguments; used {}.`, source)],
    };
  }
  const args = coerceArguments(getOwn(value, argsKey), keys.stringArgsNative === true);
  if ('error' in args) {
    return { problems: [problem('bad-arguments', `Arguments of ${name} ${args.error}`, source)] };
  }
  const problems = args.repairs.map((repair) => problem('repaired', `Arguments of ${name}: ${repair}.`, source));
  return { call: { name, arguments: args.value }, problems };
}

/**
 * Makes tool arguments an object: objects pass, JSON strings are decoded (with repair), an empty
 * string means `{}`. Anything else is an error.
 */
export function coerceArguments(
  raw: unknown,
  stringNative: boolean,
): { value: Record<string, unknown>; repairs: string[] } | { error: string } {
  if (isPlainObject(raw)) return { value: raw, repairs: [] };
  if (typeof raw !== 'string') return { error: `are not a JSON object (got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}).` };
  if (raw.trim() === '') return { value: {}, repairs: ['empty arguments string read as {}'] };
  const repaired = repairJson(raw);
  if ('error' in repaired) return { error: `are not valid JSON: ${repaired.error}.` };
  if (!isPlainObject(repaired.value)) return { error: 'are not a JSON object.' };
  const repairs = stringNative ? [] : ['decoded arguments given as a JSON-encoded string'];
  return { value: repaired.value, repairs: [...repairs, ...repaired.repairs] };
}

/**
 * Keeps calls to known tools only (when `tools` is given). Names are compared in a Set, so a tool
 * named `constructor` or `__proto__` is just a name.
 */
export function keepKnownTools(
  calls: ParsedToolCall[],
  problems: ProblemList,
  tools: ReadonlyArray<ToolDefinition | string> | undefined,
): ParsedToolCall[] {
  if (!tools) return calls;
  const known = new Set(tools.map((tool) => (typeof tool === 'string' ? tool : tool.name)));
  return calls.filter((call) => {
    if (known.has(call.name)) return true;
    problems.push(problem('unknown-tool', `There is no tool named ${JSON.stringify(call.name)}.`, call.name));
    return false;
  });
}

/** Joins the pieces of text left between calls into what the person sees. */
export function joinContent(pieces: readonly string[]): string {
  return pieces
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
    .join('\n');
}

/** Assembles a result: content, calls filtered by the known tools, problems in order. */
export function finishResult(
  pieces: readonly string[],
  calls: ParsedToolCall[],
  problems: ProblemList,
  tools: ReadonlyArray<ToolDefinition | string> | undefined,
): ParseResult {
  const kept = keepKnownTools(calls, problems, tools);
  return { content: joinContent(pieces), calls: kept, problems: problems.list() };
}

/**
 * Runs a parser so that nothing escapes it: the formats are written not to throw, and this is the
 * backstop that keeps `parse` total even if an engine limit (memory) is hit.
 */
export function guardParse(run: () => ParseResult, text: unknown): ParseResult {
  try {
    return run();
  } catch (error) {
    const shown = typeof text === 'string' ? text : '';
    return { content: shown.trim(), calls: [], problems: [problem('invalid-json', `The text could not be parsed: ${String(error)}.`)] };
  }
}
