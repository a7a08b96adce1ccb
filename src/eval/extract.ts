/** Reads the calls out of a collected model answer, native or in a text format. */
import { parseToolCalls } from '../core/formats';
import { repairJson, isPlainObject } from '../core/formats/json-repair';
import type { ToolCallFormat } from '../core/formats/types';
import type { CollectedChat } from '../core/chat-accumulator';
import type { EvalFormat } from './request';
import type { Prediction } from './score';
import type { EvalCall } from './types';

/**
 * The prediction in a collected answer. Native tool_calls are read with JSON.parse (an empty string
 * is `{}`); JSON that needs repair is repaired and reported, JSON beyond repair drops the call and is
 * reported. When the request was in a text format, or in 'auto' mode with no native calls, the text
 * is parsed (`final: true`, the whole answer) in that format or in any recognised one ('auto').
 * Calls to unknown tools are kept: the hallucinated-tool rate counts them.
 */
export function extractPrediction(collected: CollectedChat, format: EvalFormat, textFormat: ToolCallFormat | null): Prediction {
  const problems: string[] = [];
  const calls: EvalCall[] = [];
  for (const call of collected.toolCalls) {
    const parsed = readArguments(call.arguments);
    if (call.name.trim() === '') problems.push(`tool call ${call.index} has no name`);
    else if ('error' in parsed) problems.push(`tool call ${call.index} (${call.name}): ${parsed.error}`);
    else calls.push({ name: call.name, arguments: parsed.value });
    if ('value' in parsed && parsed.repairs.length > 0) problems.push(`tool call ${call.index} (${call.name}): repaired ${parsed.repairs.join('; ')}`);
  }
  if (collected.toolCalls.length > 0 || (format === 'native' && textFormat === null)) {
    return { text: collected.text.trim(), calls, attempted: collected.toolCalls.length > 0, problems };
  }
  const parsed = parseToolCalls(collected.text, { format: textFormat && format !== 'auto' ? textFormat.name : 'auto', final: true });
  return {
    text: parsed.content.trim(),
    calls: parsed.calls.map((call) => ({ name: call.name, arguments: call.arguments })),
    attempted: parsed.calls.length > 0 || parsed.problems.length > 0,
    problems: parsed.problems.map((problem) => `${problem.kind}: ${problem.message}`),
  };
}

type ReadArguments = { value: Record<string, unknown>; repairs: string[] } | { error: string };

function readArguments(text: string): ReadArguments {
  if (text.trim() === '') return { value: {}, repairs: [] };
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? { value, repairs: [] } : { error: 'the arguments are not a JSON object' };
  } catch {
    const repaired = repairJson(text);
    if ('error' in repaired) return { error: `the arguments are not valid JSON (${repaired.error})` };
    if (!isPlainObject(repaired.value)) return { error: 'the arguments are not a JSON object' };
    return { value: repaired.value, repairs: repaired.repairs.length > 0 ? repaired.repairs : ['invalid JSON'] };
  }
}
