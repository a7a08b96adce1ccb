/**
 * The OpenAI chat fine-tuning line: `{"messages": [...], "tools": [...]}` with `weight` on
 * assistant messages, plus our Weighted-LM extension (`rendered` and `spans`) on each assistant
 * message. Pass `includeSpans: false` for a file that carries only OpenAI's own fields.
 */
import type { FormatName } from '../../core/formats/types';
import type { ChatMessage } from '../../core/types';
import type { Dialogue } from '../types';
import { stripSecrets } from './secrets';
import { renderWeightedTurn, type WeightedSpan } from './spans';

/** A tool call as OpenAI writes it: arguments are a JSON string. */
export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One message of an OpenAI fine-tuning example. */
export interface OpenAIMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content?: string;
  tool_calls?: OpenAIToolCall[];
  tool_call_id?: string;
  /** 1: the message is trained on (assistant messages only, as OpenAI defines the key). */
  weight?: 0 | 1;
  /** The assistant turn written in `spanFormat` (what a text-format model emits). */
  rendered?: string;
  /** Weighted-LM spans over `rendered`. */
  spans?: WeightedSpan[];
}

/** One line of the OpenAI-format JSONL file. */
export interface OpenAIRecord {
  messages: OpenAIMessage[];
  tools: Array<{ type: 'function'; function: { name: string; description: string; parameters: Record<string, unknown> } }>;
}

/** Options shared by both exporters. */
export interface ExportOptions {
  /** Weight of call spans (default 2.0); other text weighs 1.0. */
  multiplier?: number;
  /** Text format the spans are computed over (default 'hermes'). */
  spanFormat?: FormatName;
  /** Add `rendered` and `spans` to assistant messages (default true). */
  includeSpans?: boolean;
  /** Receives the number of secret-named argument fields removed. */
  secretsRemoved?: { count: number };
}

function toOpenAIMessage(message: ChatMessage, options: ExportOptions): OpenAIMessage {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant': {
      const calls = (message.toolCalls ?? []).map((call) => ({
        ...call,
        arguments: stripSecrets(call.arguments, options.secretsRemoved),
      }));
      const result: OpenAIMessage = { role: 'assistant' };
      // OpenAI's own examples leave content out of a turn that only calls tools.
      if (message.content !== '' || calls.length === 0) result.content = message.content;
      if (calls.length > 0) {
        result.tool_calls = calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        }));
      }
      result.weight = 1;
      if (options.includeSpans !== false) {
        const turn = renderWeightedTurn(message.content, calls, options.spanFormat ?? 'hermes', options.multiplier ?? 2);
        result.rendered = turn.text;
        result.spans = turn.spans;
      }
      return result;
    }
  }
}

/** A dialogue as one OpenAI fine-tuning example. */
export function toOpenAIRecord(dialogue: Dialogue, options: ExportOptions = {}): OpenAIRecord {
  return {
    messages: dialogue.messages.map((message) => toOpenAIMessage(message, options)),
    tools: dialogue.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    })),
  };
}
