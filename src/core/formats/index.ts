import type { ToolDefinition } from '../types';
import { guardParse } from './call-shape';
import { hermesFormat } from './hermes';
import { modelscopeFormat } from './modelscope';
import { openaiFormat } from './openai';
import { reactFormat } from './react';
import { stripPartialMarker } from './text-scan';
import type { FormatName, ParseResult, ToolCallFormat } from './types';

export type * from './types';
export { hermesFormat, modelscopeFormat, openaiFormat, reactFormat };
export { repairJson, readJsonValue, isPlainObject, type RepairedJson, type UnrepairableJson, type JsonRead } from './json-repair';

/** Every format, by name. */
export const formats: Readonly<Record<FormatName, ToolCallFormat>> = Object.freeze({
  openai: openaiFormat,
  hermes: hermesFormat,
  react: reactFormat,
  modelscope: modelscopeFormat,
});

/** The format called `name`. Throws on an unknown name (a programming error, not model output). */
export function getFormat(name: FormatName): ToolCallFormat {
  if (!Object.prototype.hasOwnProperty.call(formats, name)) throw new TypeError(`Unknown tool-call format: ${String(name)}`);
  return formats[name];
}

// Markers whose first occurrence decides the format. Each regex is linear (no nested quantifiers).
const REACT_ACTION = /^[ \t]*Action:/m;
const REACT_INPUT = /^[ \t]*Action Input:/m;
const REACT_ANSWER = /^[ \t]*Final Answer:/m;
const JSON_NAME = /"name"\s*:/;
const JSON_ARGS = /"(?:arguments|parameters)"\s*:/;

function firstIndex(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? match.index : -1;
}

/**
 * Recognises the format from the text itself: `<tool_call>` → hermes, `<|startofthink|>` →
 * modelscope, an `Action:` line with an `Action Input:` line (or a `Final Answer:` line) → react,
 * `"tool_calls"` or a JSON object with `"name"` and `"arguments"`/`"parameters"` → openai; otherwise
 * null. When several appear, the one that appears first wins (a Hermes call whose argument mentions
 * "Action:" is still Hermes).
 */
export function detectFormat(text: string): FormatName | null {
  if (typeof text !== 'string') return null;
  const found: Array<[FormatName, number]> = [
    ['hermes', text.indexOf('<tool_call>')],
    ['modelscope', text.indexOf('<|startofthink|>')],
  ];
  const action = firstIndex(text, REACT_ACTION);
  if (action >= 0 && REACT_INPUT.test(text)) found.push(['react', action]);
  else found.push(['react', firstIndex(text, REACT_ANSWER)]);
  const toolCalls = text.indexOf('"tool_calls"');
  if (toolCalls >= 0) found.push(['openai', toolCalls]);
  else if (JSON_ARGS.test(text)) found.push(['openai', firstIndex(text, JSON_NAME)]);
  let best: FormatName | null = null;
  let bestAt = Infinity;
  for (const [name, at] of found) {
    if (at >= 0 && at < bestAt) {
      best = name;
      bestAt = at;
    }
  }
  return best;
}

/** Options of {@link parseToolCalls}. */
export interface ParseToolCallsOptions {
  /** The format to parse, or 'auto' to recognise it from the text ({@link detectFormat}). */
  format: FormatName | 'auto';
  /** When given, only calls to these tools are kept; others are dropped with an 'unknown-tool' problem. */
  tools?: ReadonlyArray<ToolDefinition | string>;
  /**
   * The text is the whole, finished output (default false: it may still be streaming). See
   * `ParseOptions.final`.
   */
  final?: boolean;
}

const MARKERS = ['<tool_call>', '<|startofthink|>'];

/**
 * Parses tool calls out of model text in one format, or in whichever format the text shows
 * ('auto'). Text with no call markup comes back as content with no calls. Never throws.
 */
export function parseToolCalls(text: string, options: ParseToolCallsOptions): ParseResult {
  return guardParse(() => {
    const name = options.format === 'auto' ? detectFormat(text) : options.format;
    if (name === null) {
      // Nothing recognised yet; a marker that is still streaming in is not shown.
      const shown = options.final === true ? text : stripPartialMarker(text, MARKERS);
      return { content: shown.trim(), calls: [], problems: [] };
    }
    return getFormat(name).parse(text, { tools: options.tools, final: options.final });
  }, text);
}
