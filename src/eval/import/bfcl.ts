/**
 * Berkeley Function Calling Leaderboard files → our examples. A question file line is
 * `{"id", "question": [[{role, content}, ...]], "function": [{name, description, parameters}]}` and
 * an answer file line is `{"id", "ground_truth": [{"func_name": {"arg": [accepted values]}}]}`, where
 * "" among the accepted values means the argument may be left out.
 */
import type { ChatMessage, ToolDefinition } from '../../core/types';
import type { Acceptable, EvalCall, EvalExample } from '../types';
import { isRecord } from '../../core/is-record';
import { DatasetError } from '../validate';
import { bfclToolName, normalizeBfclSchema } from './bfcl-schema';
import type { JsonRecord } from './json-lines';

/** Whether a record looks like a BFCL question line. */
export function isBfclQuestion(value: unknown): boolean {
  return isRecord(value) && 'question' in value && 'function' in value;
}

/** Whether a record looks like a BFCL possible-answer line. */
export function isBfclAnswer(value: unknown): boolean {
  return isRecord(value) && 'ground_truth' in value;
}

/**
 * Joins question and answer records by id. An entry with no answer is a "make no call" example when
 * its id says irrelevance (BFCL ships no answers for those), and an error otherwise.
 */
export function importBfcl(questions: readonly JsonRecord[], answers: readonly JsonRecord[]): EvalExample[] {
  const answerById = new Map<string, { line: number; truth: unknown }>();
  for (const { line, value } of answers) {
    if (!isRecord(value) || !isBfclAnswer(value)) throw new DatasetError('expected {"id", "ground_truth"}', line, 'ground_truth');
    answerById.set(readId(value.id, line), { line, truth: value.ground_truth });
  }
  return questions.map(({ line, value }) => {
    if (!isRecord(value) || !isBfclQuestion(value)) throw new DatasetError('expected {"id", "question", "function"}', line);
    const id = readId(value.id, line);
    const tools = readFunctions(value.function, line);
    const messages = readQuestion(value.question, line);
    const answer = answerById.get(id);
    if (answer === undefined) {
      if (/irrelevance/i.test(id)) return { id, tools, messages, gold: { calls: [] } };
      throw new DatasetError(`no possible answer with id ${JSON.stringify(id)} (pass the answers file with --answers)`, line, 'id');
    }
    const { calls, acceptable } = readGroundTruth(answer.truth, answer.line);
    return { id, tools, messages, gold: { calls }, acceptable };
  });
}

function readId(value: unknown, line: number): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new DatasetError('expected a non-empty string', line, 'id');
}

function readFunctions(value: unknown, line: number): ToolDefinition[] {
  // Early BFCL files give a single function object instead of a list.
  const list = Array.isArray(value) ? value : [value];
  return list.map((fn, index) => {
    const field = `function[${index}]`;
    if (!isRecord(fn) || typeof fn.name !== 'string' || fn.name === '') {
      throw new DatasetError('expected {"name", "description", "parameters"}', line, field);
    }
    return {
      name: bfclToolName(fn.name),
      description: typeof fn.description === 'string' ? fn.description : '',
      parameters: normalizeBfclSchema(fn.parameters),
    };
  });
}

function readQuestion(value: unknown, line: number): ChatMessage[] {
  // Early BFCL files give the question as plain text.
  if (typeof value === 'string') return [{ role: 'user', content: value }];
  if (!Array.isArray(value)) throw new DatasetError('expected a list of turns', line, 'question');
  // Single-turn categories hold one turn; a turn is a list of messages (a bare message is accepted too).
  const turns: unknown[] = value.every((turn) => Array.isArray(turn)) ? value.flat() : value;
  return turns.map((message, index) => {
    const field = `question[${index}]`;
    if (!isRecord(message) || typeof message.content !== 'string') {
      throw new DatasetError('expected {"role", "content"}', line, field);
    }
    if (message.role === 'system' || message.role === 'user' || message.role === 'assistant') {
      return { role: message.role, content: message.content };
    }
    throw new DatasetError(`unsupported role ${JSON.stringify(message.role)}`, line, `${field}.role`);
  });
}

/** One gold call per ground-truth entry: the first accepted non-"" value of each argument. */
function readGroundTruth(value: unknown, line: number): { calls: EvalCall[]; acceptable: Acceptable } {
  // Early BFCL files give one {func: {...}} object instead of a list of them.
  const entries = Array.isArray(value) ? value : [value];
  const calls: EvalCall[] = [];
  const acceptable: Acceptable = [];
  entries.forEach((entry, index) => {
    const field = `ground_truth[${index}]`;
    if (!isRecord(entry)) {
      throw new DatasetError('expected {"function_name": {"argument": [accepted values]}} (multi-turn entries are not supported)', line, field);
    }
    for (const [name, args] of Object.entries(entry)) {
      if (!isRecord(args)) throw new DatasetError('expected an object of accepted-value lists', line, `${field}.${name}`);
      const call: EvalCall = { name: bfclToolName(name), arguments: {} };
      const accepted: Record<string, unknown[]> = {};
      for (const [arg, values] of Object.entries(args)) {
        if (!Array.isArray(values)) throw new DatasetError('expected a list of accepted values', line, `${field}.${name}.${arg}`);
        accepted[arg] = values;
        const first = values.find((candidate) => candidate !== '');
        // An argument accepting only "" has no gold value: the gold call leaves it out.
        if (first !== undefined) call.arguments[arg] = first;
      }
      calls.push(call);
      acceptable.push(accepted);
    }
  });
  return { calls, acceptable };
}
