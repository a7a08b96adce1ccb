/** Tolerant reading of a teacher model's JSON answer (fences, chatter, small JSON damage). */
import { isPlainObject, repairJson } from '../../core/formats/json-repair';

/** One request the teacher wrote, with the arguments it proposes for the call. */
export interface TeacherItem {
  request: string;
  /** Undefined when the teacher gave none (the item is then dropped as invalid). */
  arguments?: Record<string, unknown>;
}

/** Keys teachers use for the request text and for the arguments, in order of preference. */
const REQUEST_KEYS = ['request', 'query', 'question', 'user', 'prompt', 'text'];
const ARGUMENT_KEYS = ['arguments', 'args', 'parameters', 'params', 'call'];

/** The JSON part of an answer: a fenced block when there is one, else the outermost brackets. */
function jsonPart(text: string): string {
  const fenced = /```(?:json)?\s*\n?([\s\S]*?)(?:```|$)/i.exec(text);
  if (fenced?.[1]?.trim()) return fenced[1].trim();
  const open = text.search(/[[{]/);
  if (open < 0) return text.trim();
  const close = Math.max(text.lastIndexOf(']'), text.lastIndexOf('}'));
  return close > open ? text.slice(open, close + 1) : text.slice(open);
}

function toItem(value: unknown): TeacherItem | undefined {
  if (typeof value === 'string') return value.trim() ? { request: value.trim() } : undefined;
  if (!isPlainObject(value)) return undefined;
  const request = REQUEST_KEYS.map((key) => value[key]).find((entry): entry is string => typeof entry === 'string');
  if (!request?.trim()) return undefined;
  let args = ARGUMENT_KEYS.map((key) => value[key]).find((entry) => entry !== undefined);
  // Some teachers nest a whole call ({"name": …, "arguments": {…}}) under "call".
  if (isPlainObject(args) && isPlainObject(args.arguments) && typeof args.name === 'string') args = args.arguments;
  if (typeof args === 'string') {
    const repaired = repairJson(args);
    args = 'error' in repaired ? undefined : repaired.value;
  }
  return isPlainObject(args) ? { request: request.trim(), arguments: args } : { request: request.trim() };
}

/**
 * The items in a teacher's answer: a JSON array (or an object holding one, like
 * `{"requests": […]}`), inside a code fence or surrounded by prose, with the damage
 * `repairJson` mends. Returns no items (never throws) when nothing can be read.
 */
export function parseTeacherAnswer(text: string): TeacherItem[] {
  const repaired = repairJson(jsonPart(text));
  if ('error' in repaired) return [];
  let value = repaired.value;
  if (isPlainObject(value)) {
    const list = Object.values(value).find(Array.isArray);
    value = list ?? [value];
  }
  if (!Array.isArray(value)) return [];
  return value.map(toItem).filter((item): item is TeacherItem => item !== undefined);
}
