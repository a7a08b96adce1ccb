import { detectFormat, parseToolCalls, repairJson } from '../formats';
import type { ParseProblem, ToolCallFormat } from '../formats/types';
import type { ToolCall, ToolDefinition } from '../types';
import type { ModelTurn } from './call-model';
import { isRecord as isPlainObject } from '../is-record';

/** The calls of one model turn, ready to validate, plus what could not be read. */
export interface ExtractedCalls {
  content: string;
  calls: ToolCall[];
  /** Calls whose arguments could not be read, by id, with the reason (sent back to the model). */
  unreadable: Map<string, string>;
  problems: ParseProblem[];
}

// A "native" model may still write its calls as text (common with Ollama, llama.cpp and vLLM
// servers started without a tool parser): any format detectFormat recognises is parsed.
const hasTextCalls = (text: string): boolean => detectFormat(text) !== null;

// The start of what may become call markup (`[TOOL_C`, `<|python_t`, `✿FUNC`, `>>>na`) at the end
// of streamed text: held back until it is recognised or proves to be ordinary text.
const PENDING_MARKUP = /(^|\s)[<[✿>][^\s]{0,40}$/;

/** What a partial answer shows: display text, and the call being written once its name is known. */
export interface VisibleParse {
  /** Display text: call markup removed. */
  content: string;
  /** The tool of the unfinished call at the end, once its name is complete (`ParseProblem.name`). */
  pendingCall?: string;
}

/** The name on the parse's 'incomplete' problem, if the unfinished call's name is known. */
function pendingName(problems: readonly ParseProblem[]): string | undefined {
  return problems.find((item) => item.kind === 'incomplete' && item.name !== undefined)?.name;
}

/** Parses a partial answer for display. Cheap when no markup is present. */
export function visibleParse(raw: string, format: ToolCallFormat | null): VisibleParse {
  const parsed = format ? format.parse(raw) : hasTextCalls(raw) ? parseToolCalls(raw, { format: 'auto' }) : undefined;
  if (parsed) {
    const name = pendingName(parsed.problems);
    return name === undefined ? { content: parsed.content } : { content: parsed.content, pendingCall: name };
  }
  const pending = PENDING_MARKUP.exec(raw);
  return { content: pending ? raw.slice(0, pending.index + (pending[1]?.length ?? 0)) : raw };
}

/** Display text of a partial answer: call markup removed. Cheap when no markup is present. */
export function visibleText(raw: string, format: ToolCallFormat | null): string {
  return visibleParse(raw, format).content;
}

/**
 * Turns a finished model turn into tool calls: native calls have their JSON arguments repaired;
 * text is parsed in the session's format, or recognised automatically in native mode.
 * Every call gets a unique id.
 */
export function extractCalls(
  turn: ModelTurn,
  format: ToolCallFormat | null,
  tools: ToolDefinition[],
  createId: () => string,
): ExtractedCalls {
  const problems: ParseProblem[] = [];
  const calls: ToolCall[] = [];
  const unreadable = new Map<string, string>();
  const seen = new Set<string>();
  const uniqueId = (id: string | undefined): string => {
    const chosen = id && !seen.has(id) ? id : createId();
    seen.add(chosen);
    return chosen;
  };

  for (const streamed of turn.toolCalls) {
    const repaired = repairJson(streamed.argumentsText.trim() === '' ? '{}' : streamed.argumentsText);
    const args = 'value' in repaired && isPlainObject(repaired.value) ? repaired.value : undefined;
    if ('value' in repaired && repaired.repairs.length > 0) {
      problems.push({ kind: 'repaired', message: `Arguments of ${streamed.name} repaired: ${repaired.repairs.join(', ')}` });
    }
    // An unreadable call still gets an id and goes back to the model as an error, so it can retry.
    const call: ToolCall = { id: uniqueId(streamed.id), name: streamed.name, arguments: args ?? {} };
    if (!args) {
      unreadable.set(call.id, `The arguments of ${streamed.name} are not a JSON object: ${streamed.argumentsText.slice(0, 200)}`);
    }
    calls.push(call);
  }
  if (calls.length > 0) return { content: turn.text.trim(), calls, unreadable, problems };

  const parsed = format
    ? format.parse(turn.text, { tools, final: true })
    : hasTextCalls(turn.text)
      ? parseToolCalls(turn.text, { format: 'auto', tools, final: true })
      : { content: turn.text.trim(), calls: [], problems: [] as ParseProblem[] };
  for (const call of parsed.calls) calls.push({ id: uniqueId(undefined), name: call.name, arguments: call.arguments });
  return { content: parsed.content, calls, unreadable, problems: [...problems, ...parsed.problems] };
}

