/**
 * What the OpenAI-compatible test server says, as data: the scripted `Reply` type and the chunk
 * and completion objects real servers send for it (role delta first, text in small pieces,
 * tool-call arguments split across many chunks, finish reason, then usage with `choices: []`).
 */

/** One tool call a scripted reply makes. */
export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Default: `call_<request index>_<call index>`. */
  id?: string;
}

/** Timing knobs any reply may carry. */
export interface ReplyTiming {
  /** Wait before sending the response headers. */
  delayMs?: number;
  /** Wait between streamed events (overrides the server option). */
  chunkDelayMs?: number;
}

/**
 * The model's thinking, sent before the answer in the field a server family uses:
 * `reasoning_content` (DeepSeek, xAI, older vLLM; the default) or `reasoning` (OpenRouter, Groq,
 * Ollama, newer vLLM).
 */
export interface ReasoningReply {
  reasoning?: string;
  reasoningField?: 'reasoning_content' | 'reasoning';
}

export type TextReply = { kind: 'text'; text: string; finishReason?: string } & ReasoningReply & ReplyTiming;
export type ToolCallsReply = { kind: 'tool-calls'; calls: ScriptedToolCall[]; content?: string } & ReasoningReply & ReplyTiming;

/** What the server does with one chat request. */
export type Reply =
  | TextReply
  | ToolCallsReply
  /** An HTTP error (or any status) with optional headers such as `Retry-After`, and a body (objects become JSON). */
  | ({
      kind: 'status';
      status: number;
      headers?: Record<string, string>;
      body?: string | Record<string, unknown>;
    } & ReplyTiming)
  /** A streamed text answer whose connection is destroyed after `afterBytes` bytes of body. */
  | ({ kind: 'cut'; afterBytes: number; text?: string } & ReplyTiming)
  /** Exactly this body with this content type (and status, default 200). */
  | ({ kind: 'raw'; body: string; contentType: string; status?: number } & ReplyTiming);

export interface ReplyContext {
  /** Position of the request among the server's chat requests (0-based). */
  requestIndex: number;
  model: string;
  /** Whether the request asked for `stream_options.include_usage`. */
  includeUsage: boolean;
  /** The request's messages, for a rough prompt-token count. */
  promptText: string;
  /** Characters of text per streamed chunk. */
  textChunkChars: number;
  /** Characters of tool-call arguments per streamed chunk. */
  argumentChunkChars: number;
}

type JsonObject = Record<string, unknown>;

/** The JSON payloads of a streamed answer, in order, ending with the string `[DONE]`. */
export function streamPayloads(reply: TextReply | ToolCallsReply, context: ReplyContext): string[] {
  const base = {
    id: `chatcmpl-test-${context.requestIndex}`,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: context.model,
  };
  const chunk = (delta: JsonObject, finishReason: string | null = null): string =>
    JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const payloads = [chunk({ role: 'assistant', content: '' })];
  let output = '';
  if (reply.reasoning !== undefined) {
    // Reasoning models (DeepSeek-R1, QwQ behind vLLM) stream their thinking in a separate field,
    // with `content: null` beside it as DeepSeek does.
    for (const piece of splitText(reply.reasoning, context.textChunkChars)) {
      payloads.push(chunk({ content: null, [reply.reasoningField ?? 'reasoning_content']: piece }));
    }
  }
  const text = reply.kind === 'text' ? reply.text : (reply.content ?? '');
  for (const piece of splitText(text, context.textChunkChars)) payloads.push(chunk({ content: piece }));
  output += text;
  if (reply.kind === 'tool-calls') {
    reply.calls.forEach((call, index) => {
      const argumentsText = JSON.stringify(call.arguments);
      output += call.name + argumentsText;
      // id, type and name travel only on the first delta of each call, as OpenAI and vLLM do.
      payloads.push(
        chunk({
          tool_calls: [
            { index, id: callId(call, context, index), type: 'function', function: { name: call.name, arguments: '' } },
          ],
        }),
      );
      for (const piece of splitText(argumentsText, context.argumentChunkChars)) {
        payloads.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
    });
  }
  payloads.push(chunk({}, finishReasonOf(reply)));
  if (context.includeUsage) payloads.push(JSON.stringify({ ...base, choices: [], usage: usage(context, output) }));
  payloads.push('[DONE]');
  return payloads;
}

/** The same payloads framed as a server-sent event stream body. */
export function toEventStream(payloads: readonly string[]): string {
  return payloads.map((payload) => `data: ${payload}\n\n`).join('');
}

/** The whole `chat.completion` object for a `stream: false` request. */
export function completionObject(reply: TextReply | ToolCallsReply, context: ReplyContext): JsonObject {
  const text = reply.kind === 'text' ? reply.text : (reply.content ?? '');
  const message: JsonObject = { role: 'assistant', content: reply.kind === 'tool-calls' && text === '' ? null : text };
  if (reply.reasoning !== undefined) message[reply.reasoningField ?? 'reasoning_content'] = reply.reasoning;
  let output = text;
  if (reply.kind === 'tool-calls') {
    message.tool_calls = reply.calls.map((call, index) => {
      output += call.name + JSON.stringify(call.arguments);
      const fn = { name: call.name, arguments: JSON.stringify(call.arguments) };
      return { id: callId(call, context, index), type: 'function', function: fn };
    });
  }
  return {
    id: `chatcmpl-test-${context.requestIndex}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: context.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(reply) }],
    usage: usage(context, output),
  };
}

/** An OpenAI-style error body for a status. */
export function errorObject(status: number, message?: string): JsonObject {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return {
    error: { message: message ?? `Test server error ${status}.`, type, param: null, code: status === 401 ? 'invalid_api_key' : null },
  };
}

/** Splits text into pieces of `size` code points (never inside a surrogate pair). */
export function splitText(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let start = 0; start < points.length; start += Math.max(1, size)) {
    pieces.push(points.slice(start, start + Math.max(1, size)).join(''));
  }
  return pieces;
}

function callId(call: ScriptedToolCall, context: ReplyContext, index: number): string {
  return call.id ?? `call_${context.requestIndex}_${index}`;
}

function finishReasonOf(reply: TextReply | ToolCallsReply): string {
  if (reply.kind === 'tool-calls') return 'tool_calls';
  return reply.finishReason ?? 'stop';
}

function usage(context: ReplyContext, output: string): JsonObject {
  const promptTokens = Math.ceil(context.promptText.length / 4);
  const completionTokens = Math.max(1, Math.ceil(output.length / 4));
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
  };
}
