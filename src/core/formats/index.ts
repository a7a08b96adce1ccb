import type { ToolDefinition } from '../types';
import { guardParse } from './call-shape';
import { parseWithCodeAsText, withCodeAsText } from './code-spans';
import { deepseekFormat } from './deepseek';
import { CALL_MARKERS, detectFormat } from './detect';
import { functiongemmaFormat } from './functiongemma';
import { functionaryFormat } from './functionary';
import { glm45Format } from './glm45';
import { hermesFormat } from './hermes';
import { commandR7bFormat, graniteFormat, internlm2Format, jambaFormat } from './json-tagged';
import { llama3JsonFormat } from './llama3-json';
import { mistralFormat } from './mistral';
import { modelscopeFormat } from './modelscope';
import { openaiFormat } from './openai';
import { pythonicFormat } from './pythonic';
import { qwen3CoderFormat } from './qwen3-coder';
import { qwenAgentFormat } from './qwen-agent';
import { reactFormat } from './react';
import { reactJsonFormat } from './react-json';
import { stripPartialMarker } from './text-scan';
import type { FormatName, ParseResult, ToolCallFormat } from './types';

export type * from './types';
export { detectFormat };
export {
  commandR7bFormat,
  deepseekFormat,
  functiongemmaFormat,
  functionaryFormat,
  glm45Format,
  graniteFormat,
  hermesFormat,
  internlm2Format,
  jambaFormat,
  llama3JsonFormat,
  mistralFormat,
  modelscopeFormat,
  openaiFormat,
  pythonicFormat,
  qwen3CoderFormat,
  qwenAgentFormat,
  reactFormat,
  reactJsonFormat,
};
export { spacedJson } from './spaced-json';
export { repairJson, readJsonValue, isPlainObject, type RepairedJson, type UnrepairableJson, type JsonRead } from './json-repair';

/** A `<tool_call>` whose body is Qwen3-Coder's XML (`<function=f>` or `<function name="f">`). */
const XML_IN_TOOL_CALL = /<tool_call>\s*<function[= ]/;

/**
 * Hermes as the registry serves it: Qwen models drift into Qwen3-Coder's XML inside `<tool_call>`,
 * which the qwen3-coder reader takes (it reads JSON `<tool_call>` blocks too). Only text that shows
 * that shape leaves the Hermes reader, so every other Hermes answer reads exactly as before.
 */
const hermesOrXml: ToolCallFormat = {
  ...hermesFormat,
  parse: (text, options) => (XML_IN_TOOL_CALL.test(text) ? qwen3CoderFormat : hermesFormat).parse(text, options),
};

/** Every format, by name. Each reads markup inside inline code and example fences as text. */
export const formats: Readonly<Record<FormatName, ToolCallFormat>> = Object.freeze(mapFormats({
  openai: openaiFormat,
  hermes: hermesOrXml,
  react: reactFormat,
  modelscope: modelscopeFormat,
  'qwen3-coder': qwen3CoderFormat,
  glm45: glm45Format,
  'llama3-json': llama3JsonFormat,
  pythonic: pythonicFormat,
  mistral: mistralFormat,
  deepseek: deepseekFormat,
  functiongemma: functiongemmaFormat,
  granite: graniteFormat,
  jamba: jambaFormat,
  internlm2: internlm2Format,
  'command-r7b': commandR7bFormat,
  functionary: functionaryFormat,
  'qwen-agent': qwenAgentFormat,
  'react-json': reactJsonFormat,
}));

function mapFormats(table: Record<FormatName, ToolCallFormat>): Record<FormatName, ToolCallFormat> {
  const out = { ...table };
  for (const name of Object.keys(out) as FormatName[]) out[name] = withCodeAsText(out[name]);
  return out;
}

/** The format called `name`. Throws on an unknown name (a programming error, not model output). */
export function getFormat(name: FormatName): ToolCallFormat {
  if (!Object.prototype.hasOwnProperty.call(formats, name)) throw new TypeError(`Unknown tool-call format: ${String(name)}`);
  return formats[name];
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


/**
 * Parses tool calls out of model text in one format, or in whichever format the text shows
 * ('auto'). Text with no call markup comes back as content with no calls. Never throws.
 */
export function parseToolCalls(text: string, options: ParseToolCallsOptions): ParseResult {
  return guardParse(() => parseWithCodeAsText(text, (masked) => parseDetected(masked, options)), text);
}

/** Parses already-masked text in the chosen or detected format. */
function parseDetected(text: string, options: ParseToolCallsOptions): ParseResult {
  const name = options.format === 'auto' ? detectFormat(text) : options.format;
  if (name === null) {
    // Nothing recognised yet; a marker that is still streaming in is not shown.
    const shown = options.final === true ? text : stripPartialMarker(text, CALL_MARKERS);
    return { content: shown.trim(), calls: [], problems: [] };
  }
  // The registry's formats mask code themselves; the text here is already masked (no-op there).
  return getFormat(name).parse(text, { tools: options.tools, final: options.final });
}
