/**
 * A scripted model for the end-to-end test "What is 12.5% of 240, then add 7?": it calls a
 * `calculator` tool twice and then answers with the second result. Works with native tool calls
 * (`tools` in the request, results in `tool` messages) and with Hermes text calls (no `tools`;
 * calls written as `<tool_call>` text, results read from `<tool_response>` blocks).
 */
import type { Reply } from './openai-replies';
import type { RecordedRequest, TestChatMessage } from './openai-test-server';

/** The question this script answers. */
export const CALCULATOR_QUESTION = 'What is 12.5% of 240, then add 7?';

/** The first calculator call the script makes. */
export const FIRST_EXPRESSION = '240 * 12.5 / 100';

/**
 * Step 1: call calculator with `240 * 12.5 / 100`. Step 2 (one result so far): call it with
 * `<result> + 7`. Step 3 (two results): answer "12.5% of 240 is 30, and adding 7 gives **37**.".
 * Only results after the latest real user question count, so a conversation can ask twice.
 */
export function calculatorScript(request: RecordedRequest): Reply {
  const native = (request.body.tools?.length ?? 0) > 0;
  const results = toolResultsSinceQuestion(request.body.messages);
  if (results.length === 0) return calculatorCall(native, FIRST_EXPRESSION, request.index);
  const first = extractNumber(results[0]);
  if (first === undefined) return cannotRead(results[0]);
  if (results.length === 1) return calculatorCall(native, `${formatNumber(first)} + 7`, request.index);
  const last = extractNumber(results[results.length - 1]);
  if (last === undefined) return cannotRead(results[results.length - 1]);
  return { kind: 'text', text: `12.5% of 240 is ${formatNumber(first)}, and adding 7 gives **${formatNumber(last)}**.` };
}

/** A Hermes/Qwen text tool call, as a model in prompt-format mode writes it. */
export function hermesToolCall(name: string, args: Record<string, unknown>): string {
  return `<tool_call>\n{"name": ${JSON.stringify(name)}, "arguments": ${JSON.stringify(args)}}\n</tool_call>`;
}

/**
 * The first number in a tool result: JSON like `{"result":30}` (also nested, or as a JSON string),
 * a bare number, or text such as `240 * 12.5 / 100 = 30`.
 */
export function extractNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return numberInText(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = extractNumber(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const preferred = ['result', 'value', 'answer', 'output', 'content'];
    const others = Object.keys(record).filter((key) => !preferred.includes(key) && key !== 'arguments' && key !== 'name');
    for (const key of [...preferred, ...others]) {
      if (!(key in record)) continue;
      const found = extractNumber(record[key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function numberInText(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed !== 'string') return extractNumber(parsed);
  } catch {
    // Plain text: read it below.
  }
  // "240 * 12.5 / 100 = 30": the answer follows the last "=".
  const tail = trimmed.includes('=') ? trimmed.slice(trimmed.lastIndexOf('=') + 1) : trimmed;
  const match = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/i.exec(tail);
  return match === null ? undefined : Number(match[0]);
}

/** Tool results after the latest user message that is a real question (not a `<tool_response>` carrier). */
function toolResultsSinceQuestion(messages: TestChatMessage[]): string[] {
  let start = 0;
  messages.forEach((message, index) => {
    if (message.role === 'user' && !textOf(message).includes('<tool_response>')) start = index + 1;
  });
  const results: string[] = [];
  for (const message of messages.slice(start)) {
    const text = textOf(message);
    const blocks = responseBlocks(text);
    if (message.role === 'tool') results.push(...(blocks.length > 0 ? blocks : [text]));
    else if (message.role === 'user') results.push(...blocks);
  }
  return results;
}

function responseBlocks(text: string): string[] {
  return [...text.matchAll(/<tool_response>([\s\S]*?)(?:<\/tool_response>|$)/g)].map((match) => (match[1] ?? '').trim());
}

function textOf(message: TestChatMessage): string {
  return typeof message.content === 'string' ? message.content : '';
}

function calculatorCall(native: boolean, expression: string, requestIndex: number): Reply {
  if (native) {
    return { kind: 'tool-calls', calls: [{ name: 'calculator', arguments: { expression }, id: `call_calc_${requestIndex}` }] };
  }
  return { kind: 'text', text: hermesToolCall('calculator', { expression }) };
}

function cannotRead(result: string | undefined): Reply {
  return { kind: 'text', text: `The calculator did not return a number: ${result ?? '(nothing)'}` };
}

function formatNumber(value: number): string {
  // Rounds away float noise such as 30.000000000000004.
  return String(Number(value.toPrecision(12)));
}
