/** Builds the model request for one example, natively or in a text tool-call format. */
import { buildPrompt, DEFAULT_SYSTEM_PROMPT } from '../core/agent/prompt';
import { getFormat, formats } from '../core/formats';
import type { FormatName, ToolCallFormat } from '../core/formats/types';
import type { ChatMessage, ChatRequest, EngineCapabilities } from '../core/types';
import type { EvalExample } from './types';

/**
 * How tools are offered and calls read: 'native' sends tools in the request and reads structured
 * tool_calls; a format name renders the tools into the system prompt in that format and parses the
 * text; 'auto' goes native when the engine supports it (else renders Hermes) and reads native calls or
 * calls in any recognised text format.
 */
export type EvalFormat = 'native' | 'auto' | FormatName;

/** Whether `name` is an {@link EvalFormat}. */
export function isEvalFormat(name: string): name is EvalFormat {
  return name === 'native' || name === 'auto' || Object.prototype.hasOwnProperty.call(formats, name);
}

/** Request settings shared by every example of a run. */
export interface RequestSettings {
  format: EvalFormat;
  /** Used when the example's conversation has no system message. Default: Tabagent's own. */
  systemPrompt?: string;
  /** Default 0: scores should not depend on sampling luck. */
  temperature?: number;
  maxTokens?: number;
}

/** The text format used for `format` on an engine with these capabilities; null means native tools. */
export function textFormatFor(format: EvalFormat, capabilities: EngineCapabilities): ToolCallFormat | null {
  if (format === 'native') return null;
  if (format === 'auto') return capabilities.nativeToolCalls ? null : getFormat('hermes');
  return getFormat(format);
}

/**
 * The request for `messages` (an example's conversation, possibly extended by the runner). A leading
 * system message in the conversation becomes the system prompt: datasets such as MSAgent-Bench carry
 * the prompt their model was trained with.
 */
export function buildEvalRequest(
  example: EvalExample,
  messages: readonly ChatMessage[],
  settings: RequestSettings,
  capabilities: EngineCapabilities,
): ChatRequest {
  const textFormat = textFormatFor(settings.format, capabilities);
  const systems: string[] = [];
  let start = 0;
  while (start < messages.length && messages[start]?.role === 'system') {
    systems.push(messages[start]?.content ?? '');
    start += 1;
  }
  const systemPrompt = systems.length > 0 ? systems.join('\n\n') : (settings.systemPrompt ?? DEFAULT_SYSTEM_PROMPT);
  const request: ChatRequest = {
    messages: buildPrompt({ systemPrompt, transcript: messages.slice(start), tools: example.tools, format: textFormat }),
    temperature: settings.temperature ?? 0,
  };
  if (textFormat === null && example.tools.length > 0) {
    request.tools = example.tools;
    request.toolChoice = 'auto';
  }
  if (textFormat !== null && textFormat.stopSequences.length > 0) request.stop = [...textFormat.stopSequences];
  if (settings.maxTokens !== undefined) request.maxTokens = settings.maxTokens;
  return request;
}
