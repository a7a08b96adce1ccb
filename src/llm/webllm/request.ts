import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionRequestStreaming,
} from '@mlc-ai/web-llm';
import type { ChatChunk, ChatMessage, ChatRequest, FinishReason } from '../../core/types';
import { userContent, withToolImageMessages } from '../image-content';
import type { WebLLMResponseFormat } from './mlc-engine-like';

/**
 * One message in web-llm's OpenAI shape. A vision model (web-llm's VLMs, e.g. Phi-3.5-vision) gets
 * images as `image_url` parts with data URLs, exactly as OpenAI does; any other model a line of text.
 */
function toWireMessage(message: ChatMessage, vision: boolean): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: userContent(message.content, message.images, vision) };
    case 'assistant':
      return message.toolCalls && message.toolCalls.length > 0
        ? {
            role: 'assistant',
            content: message.content,
            tool_calls: message.toolCalls.map((call) => ({
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: JSON.stringify(call.arguments) },
            })),
          }
        : { role: 'assistant', content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

/**
 * Our request in web-llm's OpenAI shape, always streamed with usage in the last chunk.
 * `tools` is sent only when the engine was told the model calls tools natively: web-llm rejects
 * tools for every other model, and the agent then writes them into the prompt itself.
 */
export function toWebLLMRequest(
  request: ChatRequest,
  options: { nativeToolCalls: boolean; responseFormat?: WebLLMResponseFormat; vision?: boolean },
): ChatCompletionRequestStreaming {
  const vision = options.vision ?? false;
  const wire: ChatCompletionRequestStreaming = {
    // A tool message holds text only: a vision model gets a step's tool images in a user message after it.
    messages: withToolImageMessages(
      request.messages,
      vision,
      (message) => toWireMessage(message, vision),
      (parts): ChatCompletionMessageParam => ({ role: 'user', content: parts }),
    ),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.temperature !== undefined) wire.temperature = request.temperature;
  if (request.maxTokens !== undefined) wire.max_tokens = request.maxTokens;
  if (request.stop && request.stop.length > 0) wire.stop = request.stop;
  // web-llm's Qwen3 switch; other models ignore it. Absent leaves the model's default.
  if (request.thinking !== undefined) wire.extra_body = { enable_thinking: request.thinking };
  if (options.nativeToolCalls && request.tools && request.tools.length > 0) {
    wire.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
    const choice = request.toolChoice;
    if (choice === 'auto' || choice === 'none') wire.tool_choice = choice;
    else if (typeof choice === 'object') wire.tool_choice = { type: 'function', function: { name: choice.name } };
  }
  if (options.responseFormat) wire.response_format = options.responseFormat;
  return wire;
}

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  abort: 'other',
};

/** The ChatChunks in one web-llm stream chunk: text, tool-call deltas, finish reason, usage. */
export function fromWebLLMChunk(chunk: ChatCompletionChunk): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  const choice = chunk.choices[0];
  if (choice) {
    const content = choice.delta.content;
    if (typeof content === 'string' && content !== '') chunks.push({ type: 'text-delta', text: content });
    for (const call of choice.delta.tool_calls ?? []) {
      const delta: ChatChunk = { type: 'tool-call-delta', index: call.index, argumentsDelta: call.function?.arguments ?? '' };
      if (call.id !== undefined) delta.id = call.id;
      if (call.function?.name !== undefined) delta.name = call.function.name;
      chunks.push(delta);
    }
    if (choice.finish_reason) chunks.push({ type: 'finish', reason: FINISH_REASONS[choice.finish_reason] ?? 'other' });
  }
  if (chunk.usage) {
    chunks.push({
      type: 'usage',
      usage: { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens },
    });
  }
  return chunks;
}
