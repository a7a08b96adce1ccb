/** Validation of our JSONL examples; every error names the line and the field. */
import type { ChatMessage, ToolCall, ToolDefinition } from '../core/types';
import type { Acceptable, EvalCall, EvalExample, Gold, GoldToolResult } from './types';
import { isRecord } from '../core/is-record';

/** Bad input data: `line` is 1-based in the file read; `field` is a path such as `gold.calls[0].name`. */
export class DatasetError extends Error {
  constructor(
    readonly detail: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    const where = [line === undefined ? '' : `line ${line}`, field === undefined ? '' : `field "${field}"`]
      .filter((part) => part !== '')
      .join(', ');
    super(where === '' ? detail : `${where}: ${detail}`);
    this.name = 'DatasetError';
  }
}

/** Reads fields of one JSON object, throwing a DatasetError that names the line and the path. */
class Reader {
  constructor(private readonly line: number) {}

  fail(field: string, detail: string): never {
    throw new DatasetError(detail, this.line, field);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    return isRecord(value) ? value : this.fail(field, `expected an object, got ${describe(value)}`);
  }

  array(value: unknown, field: string): unknown[] {
    return Array.isArray(value) ? value : this.fail(field, `expected an array, got ${describe(value)}`);
  }

  string(value: unknown, field: string, nonEmpty = false): string {
    if (typeof value !== 'string') return this.fail(field, `expected a string, got ${describe(value)}`);
    if (nonEmpty && value.trim() === '') return this.fail(field, 'must not be empty');
    return value;
  }

  optionalString(value: unknown, field: string): string | undefined {
    return value === undefined ? undefined : this.string(value, field);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Validates one parsed JSONL line as an {@link EvalExample}; throws a DatasetError naming the field. */
export function validateExample(value: unknown, line: number): EvalExample {
  const read = new Reader(line);
  const record = read.object(value, '(line)');
  const id = typeof record.id === 'number' ? String(record.id) : read.string(record.id, 'id', true);
  const tools = read.array(record.tools, 'tools').map((tool, index) => readTool(read, tool, `tools[${index}]`));
  const messages = read.array(record.messages, 'messages').map((message, index) =>
    readMessage(read, message, `messages[${index}]`),
  );
  const gold = readGold(read, record.gold);
  const example: EvalExample = { id, tools, messages, gold };
  if (record.acceptable !== undefined) example.acceptable = readAcceptable(read, record.acceptable, gold);
  if (record.toolResults !== undefined) {
    example.toolResults = read.array(record.toolResults, 'toolResults').map((result, index): GoldToolResult => {
      const field = `toolResults[${index}]`;
      const item = read.object(result, field);
      return { name: read.string(item.name, `${field}.name`, true), content: read.string(item.content, `${field}.content`) };
    });
  }
  const finalAnswer = read.optionalString(record.finalAnswer, 'finalAnswer');
  if (finalAnswer !== undefined) example.finalAnswer = finalAnswer;
  return example;
}

function readTool(read: Reader, value: unknown, field: string): ToolDefinition {
  const tool = read.object(value, field);
  const parameters = tool.parameters === undefined ? { type: 'object', properties: {} } : read.object(tool.parameters, `${field}.parameters`);
  return {
    name: read.string(tool.name, `${field}.name`, true),
    description: read.optionalString(tool.description, `${field}.description`) ?? '',
    parameters,
  };
}

function readCall(read: Reader, value: unknown, field: string): EvalCall {
  const call = read.object(value, field);
  const args = call.arguments === undefined ? {} : read.object(call.arguments, `${field}.arguments`);
  return { name: read.string(call.name, `${field}.name`, true), arguments: args };
}

function readMessage(read: Reader, value: unknown, field: string): ChatMessage {
  const message = read.object(value, field);
  const role = read.string(message.role, `${field}.role`);
  const content = read.string(message.content ?? '', `${field}.content`);
  switch (role) {
    case 'system':
    case 'user':
      return { role, content };
    case 'assistant': {
      if (message.toolCalls === undefined) return { role, content };
      const toolCalls = read.array(message.toolCalls, `${field}.toolCalls`).map((call, index): ToolCall => {
        const callField = `${field}.toolCalls[${index}]`;
        const id = read.optionalString(read.object(call, callField).id, `${callField}.id`) ?? `call_${index}`;
        return { id, ...readCall(read, call, callField) };
      });
      return { role, content, toolCalls };
    }
    case 'tool':
      return {
        role,
        content,
        name: read.string(message.name, `${field}.name`, true),
        toolCallId: read.optionalString(message.toolCallId, `${field}.toolCallId`) ?? '',
      };
    default:
      return read.fail(`${field}.role`, `expected system, user, assistant or tool, got ${JSON.stringify(role)}`);
  }
}

function readGold(read: Reader, value: unknown): Gold {
  const gold = read.object(value, 'gold');
  if (gold.calls !== undefined) {
    return { calls: read.array(gold.calls, 'gold.calls').map((call, index) => readCall(read, call, `gold.calls[${index}]`)) };
  }
  if (gold.text !== undefined) return { text: read.string(gold.text, 'gold.text') };
  return read.fail('gold', 'expected {"calls": [...]} or {"text": "..."}');
}

function readAcceptable(read: Reader, value: unknown, gold: Gold): Acceptable {
  const list = read.array(value, 'acceptable');
  const calls = 'calls' in gold ? gold.calls.length : 0;
  if (list.length !== calls) read.fail('acceptable', `expected one entry per gold call (${calls}), got ${list.length}`);
  return list.map((entry, index) => {
    const field = `acceptable[${index}]`;
    const record = read.object(entry, field);
    const accepted: Record<string, unknown[]> = {};
    for (const [name, values] of Object.entries(record)) accepted[name] = read.array(values, `${field}.${name}`);
    return accepted;
  });
}
