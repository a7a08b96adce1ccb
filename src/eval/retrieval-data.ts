/**
 * Input files of the retrieval eval: a JSON array of tools (OpenAI function objects, bare or wrapped
 * as `{type: 'function', function: {...}}`) and a JSONL file of queries with their gold tool names.
 * Every problem is a TabagentError ('config') whose message names the file, the line and the field,
 * so a person can fix the file without reading code.
 */
import { TabagentError } from '../core/errors';
import { jsonErrorOffset } from './json-error-offset';
import type { SearchableTool } from '../retrieval/tool-text';
import { isRecord } from '../core/is-record';

/** One evaluation query: the request text and the names of the tools that should be retrieved. */
export interface RetrievalQuery {
  /** 1-based line in the queries file. */
  line: number;
  query: string;
  /** Gold tool names, without duplicates, in file order. */
  gold: string[];
}

/** Reads the tools file's text. `file` is only used in messages. */
export function parseToolsFile(text: string, file: string): SearchableTool[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw inputError(file, jsonErrorLine(text), null, `is not valid JSON (${errorMessage(error)})`);
  }
  if (!Array.isArray(parsed)) throw inputError(file, 1, null, 'must hold a JSON array of tools ({name, description, parameters} objects)');
  if (parsed.length === 0) throw inputError(file, 1, null, 'holds no tools');
  const lines = topLevelElementLines(text);
  const lineOf = new Map<string, number>();
  return parsed.map((item: unknown, index) => {
    const line = lines[index] ?? 1;
    const tool = parseTool(item, file, line, index);
    const earlier = lineOf.get(tool.name);
    if (earlier !== undefined) throw inputError(file, line, 'name', `repeats the tool name "${tool.name}" of line ${earlier}; names must be unique`);
    lineOf.set(tool.name, line);
    return tool;
  });
}

/**
 * Reads the queries file's text (one JSON object per line; blank lines are skipped) and checks every
 * gold name against `toolNames`. Unknown gold names are all reported in one error.
 */
export function parseQueriesFile(text: string, file: string, toolNames: ReadonlySet<string>): RetrievalQuery[] {
  const queries: RetrievalQuery[] = [];
  const unknown: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw inputError(file, line, null, `is not valid JSON (${errorMessage(error)})`);
    }
    if (!isRecord(parsed)) throw inputError(file, line, null, 'must be a JSON object like {"query": "...", "tools": ["tool_name"]}');
    const query = parsed.query;
    if (typeof query !== 'string' || query.trim() === '') throw inputError(file, line, 'query', 'must be a non-empty string');
    const gold = parsed.tools;
    if (!Array.isArray(gold) || gold.length === 0) throw inputError(file, line, 'tools', 'must be a non-empty array of gold tool names');
    gold.forEach((name: unknown, position) => {
      if (typeof name !== 'string' || name.trim() === '') throw inputError(file, line, `tools[${position}]`, 'must be a non-empty string');
      if (!toolNames.has(name)) unknown.push(`line ${line}: "${name}"`);
    });
    queries.push({ line, query, gold: [...new Set(gold as string[])] });
  });
  if (unknown.length > 0) {
    throw new TabagentError('config', `${file}: ${unknown.length} gold tool name(s) are not in the tools file: ${unknown.join('; ')}.`, {
      data: { file, field: 'tools', unknown },
    });
  }
  if (queries.length === 0) throw inputError(file, 1, null, 'holds no queries');
  return queries;
}

function parseTool(item: unknown, file: string, line: number, index: number): SearchableTool {
  const where = `tool ${index + 1}`;
  if (!isRecord(item)) throw inputError(file, line, null, `${where} must be an object`);
  let body: Record<string, unknown> = item;
  if (item.type !== undefined || item.function !== undefined) {
    if (item.type !== 'function') throw inputError(file, line, 'type', `${where}: only "function" tools can be retrieved`);
    if (!isRecord(item.function)) throw inputError(file, line, 'function', `${where} must be an object with name, description and parameters`);
    body = item.function;
  }
  const { name, description, parameters, examples } = body;
  if (typeof name !== 'string' || name.trim() === '') throw inputError(file, line, 'name', `${where} must be a non-empty string`);
  if (description !== undefined && typeof description !== 'string') throw inputError(file, line, 'description', `${where} ("${name}") must be a string`);
  if (parameters !== undefined && !isRecord(parameters)) throw inputError(file, line, 'parameters', `${where} ("${name}") must be a JSON Schema object`);
  const tool: SearchableTool = { name, description: description ?? '' };
  if (parameters !== undefined) tool.parameters = parameters;
  if (examples !== undefined) {
    if (!Array.isArray(examples) || !examples.every((example) => isRecord(example) && typeof example.query === 'string')) {
      throw inputError(file, line, 'examples', `${where} ("${name}") must be an array of {"query": "..."} objects`);
    }
    tool.examples = examples.map((example: { query: string }) => ({ query: example.query }));
  }
  return tool;
}

/** "file line N: field "x" <problem>", with the location also as data. */
function inputError(file: string, line: number, field: string | null, problem: string): TabagentError {
  const subject = field === null ? '' : ` field "${field}"`;
  return new TabagentError('config', `${file} line ${line}:${subject} ${problem}.`, { data: { file, line, field } });
}

/** The 1-based line of each element of the top-level array, found by scanning outside strings. */
function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectingElement = false;
  for (const char of text) {
    if (char === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectingElement && !/\s/.test(char) && char !== ']') {
      lines.push(line);
      expectingElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth += 1;
      if (depth === 1) expectingElement = true;
    } else if (char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 1) expectingElement = true;
  }
  return lines;
}

/** The line of the first character that breaks the JSON (1 when it cannot be found). */
function jsonErrorLine(text: string): number {
  const offset = jsonErrorOffset(text);
  return offset === null ? 1 : text.slice(0, offset).split('\n').length;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

