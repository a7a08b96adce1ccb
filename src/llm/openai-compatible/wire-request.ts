/** Maps Tabagent's engine-neutral request onto the OpenAI chat.completions request body. */
import type { ChatMessage, ChatRequest, ToolChoice } from '../../core/types';
import { userContent, withToolImageMessages, type UserContentPart } from '../image-content';

export type WireMessage =
  | { role: 'system'; content: string }
  /** Text only, or a text part and `image_url` parts (data URLs) when the message has images. */
  | { role: 'user'; content: string | UserContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface WireTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export type WireToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export interface WireRequestBody {
  model: string;
  messages: WireMessage[];
  tools?: WireTool[];
  tool_choice?: WireToolChoice;
  stream: boolean;
  stream_options?: { include_usage: boolean };
  temperature?: number;
  max_tokens?: number;
  stop?: string[];
  /**
   * Read by vLLM and SGLang into the chat template (Qwen3, DeepSeek style `enable_thinking`). Sent
   * only when the run sets thinking: servers that do not know the field may reject it.
   */
  chat_template_kwargs?: { enable_thinking: boolean };
}

export interface WireRequestSettings {
  model: string;
  stream: boolean;
  /** When false, `request.tools` is dropped: the prompt format already put the tools in the system text. */
  nativeToolCalls: boolean;
  /** The model reads images: user messages' images go as `image_url` parts (else as a line of text each). Default false. */
  vision?: boolean;
}

/** Builds the JSON body of one chat.completions request. */
export function toWireRequest(request: ChatRequest, settings: WireRequestSettings): WireRequestBody {
  const body: WireRequestBody = {
    model: settings.model,
    messages: toWireMessages(request.messages, settings.vision ?? false),
    stream: settings.stream,
  };
  // Without include_usage, OpenAI and vLLM send no token counts in a stream.
  if (settings.stream) body.stream_options = { include_usage: true };
  const tools = settings.nativeToolCalls ? (request.tools ?? []) : [];
  if (tools.length > 0) {
    body.tools = tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
    if (request.toolChoice !== undefined) body.tool_choice = toWireToolChoice(request.toolChoice);
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  if (request.thinking !== undefined) body.chat_template_kwargs = { enable_thinking: request.thinking };
  return body;
}

/**
 * The transcript in the wire shape. For a vision model, the images of each step's tool results
 * follow that step's tool messages as one user message (see `withToolImageMessages`).
 */
export function toWireMessages(messages: readonly ChatMessage[], vision: boolean): WireMessage[] {
  return withToolImageMessages(
    messages,
    vision,
    (message) => toWireMessage(message, vision),
    (parts) => ({ role: 'user', content: parts }),
  );
}

/** One transcript message in the wire shape; tool-call arguments become JSON text, images `image_url` parts. */
export function toWireMessage(message: ChatMessage, vision = false): WireMessage {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: userContent(message.content, message.images, vision) };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        // OpenAI documents `null` content for a turn that only calls tools.
        content: message.content === '' ? null : message.content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        })),
      };
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

function toWireToolChoice(choice: ToolChoice): WireToolChoice {
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.name } };
}
