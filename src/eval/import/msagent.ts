/**
 * MSAgent-Bench (ModelScope-Agent) conversation files → our examples. A record is
 * `{"id", "conversations": [{"from": "system" | "user" | "assistant", "value"}]}`; an assistant value
 * interleaves text, calls and results:
 *
 * ```
 * text<|startofthink|>```JSON\n{"api_name": …, "parameters": {…}}\n```<|endofthink|>
 * <|startofexec|>```JSON\n{result}\n```<|endofexec|>final answer
 * ```
 *
 * Every assistant turn becomes one example: the conversation before it, and as gold the calls it
 * makes before its first result (or its text when it makes none). When all its calls come before
 * the first result, the results and the closing text become `toolResults` and `finalAnswer`, for the
 * follow-up step scored with ROUGE-L (a turn that calls again after a result has no follow-up gold).
 */
import type { ChatMessage, ToolCall, ToolDefinition } from '../../core/types';
import { modelscopeFormat } from '../../core/formats';
import { repairJson } from '../../core/formats/json-repair';
import type { EvalCall, EvalExample, GoldToolResult } from '../types';
import { isRecord } from '../../core/is-record';
import { DatasetError } from '../validate';
import type { JsonRecord } from './json-lines';
import { toolFromCall, toolsInSystemPrompt } from './msagent-tools';

const EXEC = /<\|startofexec\|>([\s\S]*?)(?:<\|endofexec\|>|$)/g;
const FENCE = /^\s*```[A-Za-z]*\s*\n?([\s\S]*?)\n?\s*```\s*$/;

/** Whether a record looks like an MSAgent-Bench conversation. */
export function isMsAgentRecord(value: unknown): boolean {
  return isRecord(value) && (Array.isArray(value.conversations) || typeof value.conversations === 'string');
}

/**
 * The turns of a record. Copies exported through ModelScope datasets may hold the list as a string
 * (JSON, or a Python literal with single quotes and True/None, which repairJson reads too).
 */
function turnsOf(value: unknown): unknown[] | null {
  if (!isRecord(value)) return null;
  if (Array.isArray(value.conversations)) return value.conversations;
  if (typeof value.conversations !== 'string') return null;
  const parsed = repairJson(value.conversations);
  return 'value' in parsed && Array.isArray(parsed.value) ? parsed.value : null;
}

/** One step of an assistant turn: text and calls, then the results shown after them. */
interface Step {
  text: string;
  calls: EvalCall[];
  results: string[];
}

/** Splits an assistant value into steps (each ending at a run of exec blocks) and the closing text. */
function splitTurn(value: string): { steps: Step[]; closing: string } {
  const steps: Step[] = [];
  let rest = value;
  for (;;) {
    EXEC.lastIndex = 0;
    const first = EXEC.exec(rest);
    if (first === null) break;
    const head = rest.slice(0, first.index);
    const results: string[] = [];
    let cursor = first.index;
    // Consecutive exec blocks (separated by whitespace only) belong to the same step.
    EXEC.lastIndex = first.index;
    for (let match = EXEC.exec(rest); match !== null && rest.slice(cursor, match.index).trim() === ''; match = EXEC.exec(rest)) {
      results.push(unfence(match[1] ?? ''));
      cursor = match.index + match[0].length;
    }
    const parsed = modelscopeFormat.parse(head, { final: true });
    steps.push({ text: parsed.content, calls: parsed.calls, results });
    rest = rest.slice(cursor);
  }
  const parsed = modelscopeFormat.parse(rest, { final: true });
  if (parsed.calls.length > 0) {
    // Calls with no result after them (the turn ends on a call).
    steps.push({ text: parsed.content, calls: parsed.calls, results: [] });
    return { steps, closing: '' };
  }
  return { steps, closing: parsed.content.trim() };
}

function unfence(text: string): string {
  return (FENCE.exec(text)?.[1] ?? text).trim();
}

function role(from: unknown): 'system' | 'user' | 'assistant' | null {
  if (from === 'system') return 'system';
  if (from === 'user' || from === 'human') return 'user';
  if (from === 'assistant' || from === 'gpt') return 'assistant';
  return null;
}

/** Converts MSAgent-Bench records; tools come from each system prompt (else from the whole file). */
export function importMsAgent(records: readonly JsonRecord[]): EvalExample[] {
  const fileTools: ToolDefinition[] = [];
  for (const { value } of records) {
    for (const turn of turnsOf(value) ?? []) {
      if (isRecord(turn) && turn.from === 'system' && typeof turn.value === 'string') {
        for (const tool of toolsInSystemPrompt(turn.value)) if (!fileTools.some((known) => known.name === tool.name)) fileTools.push(tool);
      }
    }
  }
  return records.flatMap((record) => importConversation(record, fileTools));
}

function importConversation({ line, value }: JsonRecord, fileTools: ToolDefinition[]): EvalExample[] {
  const turns = turnsOf(value);
  if (!isRecord(value) || turns === null) throw new DatasetError('expected {"id", "conversations": [{"from", "value"}, ...]}', line, 'conversations');
  const id = typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : `line${line}`;
  const messages: ChatMessage[] = [];
  const examples: EvalExample[] = [];
  let tools: ToolDefinition[] | null = null;
  turns.forEach((turn, index) => {
    const field = `conversations[${index}]`;
    if (!isRecord(turn) || typeof turn.value !== 'string') throw new DatasetError('expected {"from", "value"}', line, field);
    const from = role(turn.from);
    if (from === null) throw new DatasetError(`unknown speaker ${JSON.stringify(turn.from)}`, line, `${field}.from`);
    if (from === 'system') {
      const declared = toolsInSystemPrompt(turn.value);
      if (declared.length > 0) tools = declared;
      messages.push({ role: 'system', content: turn.value });
      return;
    }
    if (from === 'user') {
      messages.push({ role: 'user', content: turn.value });
      return;
    }
    const { steps, closing } = splitTurn(turn.value);
    const offered = withCalledTools(tools ?? fileTools, steps);
    examples.push(exampleFor(`${id}:${index}`, offered, messages, steps, closing));
    appendTurn(messages, steps, closing, `${id}_${index}`);
  });
  return examples;
}

function withCalledTools(tools: ToolDefinition[], steps: readonly Step[]): ToolDefinition[] {
  const all = [...tools];
  for (const call of steps.flatMap((step) => step.calls)) {
    if (!all.some((tool) => tool.name === call.name)) all.push(toolFromCall(call));
  }
  return all;
}

function exampleFor(id: string, tools: ToolDefinition[], messages: ChatMessage[], steps: Step[], closing: string): EvalExample {
  const history = structuredClone(messages);
  const first = steps[0];
  if (first === undefined) return { id, tools, messages: history, gold: { text: closing } };
  const example: EvalExample = { id, tools, messages: history, gold: { calls: first.calls } };
  if (steps.length === 1 && first.results.length > 0 && closing !== '') {
    example.toolResults = first.calls.map((call, index): GoldToolResult => ({
      name: call.name,
      // One exec block may answer several calls: a call without its own block shares the last one.
      content: first.results[Math.min(index, first.results.length - 1)] ?? '',
    }));
    example.finalAnswer = closing;
  }
  return example;
}

/** Adds a whole assistant turn to the history: each step's calls and results, then the closing text. */
function appendTurn(messages: ChatMessage[], steps: readonly Step[], closing: string, prefix: string): void {
  steps.forEach((step, stepIndex) => {
    const toolCalls: ToolCall[] = step.calls.map((call, index) => ({ id: `${prefix}_${stepIndex}_${index}`, ...call }));
    messages.push({ role: 'assistant', content: step.text, toolCalls });
    step.results.forEach((content, index) => {
      const call = toolCalls[Math.min(index, toolCalls.length - 1)];
      messages.push({ role: 'tool', toolCallId: call?.id ?? '', name: call?.name ?? 'unknown', content });
    });
  });
  if (closing !== '') messages.push({ role: 'assistant', content: closing });
}
