import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ErrorCode, McpError, type CreateMessageRequest, type CreateMessageResult } from '@modelcontextprotocol/sdk/types.js';
import { TabagentError } from '../../core/errors';
import type { ChatEngine, ChatMessage } from '../../core/types';

/** Which server is asking (shown to the person with its request). */
export interface McpRequester {
  /** The server's label (tool-name prefix) or, before the handshake named it, its origin. */
  name: string;
  origin: string;
}

/** A server's `sampling/createMessage`, as the person is shown it and as it runs: text only, exact. */
export interface McpSamplingRequest {
  server: McpRequester;
  messages: Array<{ role: 'user' | 'assistant'; text: string }>;
  systemPrompt?: string;
  maxTokens: number;
  temperature?: number;
  stopSequences?: string[];
  /** The server offered tools for the completion; they are never given to the model. */
  toolsRefused: boolean;
}

/** The completion's text, which model wrote it, and why it stopped. */
export interface McpSamplingCompletion {
  model: string;
  text: string;
  stopReason: 'endTurn' | 'maxTokens' | 'stopSequence';
}

/**
 * What the app does with a server's sampling request. `approve` (the person's "Allow once" or
 * "Deny") always runs first and alone decides whether `complete` runs at all.
 */
export interface McpSamplingHandlers {
  approve(request: Readonly<McpSamplingRequest>, signal: AbortSignal): Promise<boolean>;
  complete(request: Readonly<McpSamplingRequest>, signal: AbortSignal): Promise<McpSamplingCompletion>;
}

/** The JSON-RPC error a server gets when the person says no (the spec's "user rejected" code). */
export const SAMPLING_REJECTED_CODE = -1;

type SamplingParams = CreateMessageRequest['params'];
type SamplingContent = SamplingParams['messages'][number]['content'];

function textOf(content: SamplingContent): string {
  const parts = Array.isArray(content) ? content : [content];
  return parts
    .map((part) => {
      if (part.type === 'text') return part.text;
      // Images, audio and tool traffic would reach the model unseen by the person: refused, not dropped silently.
      throw new McpError(ErrorCode.InvalidParams, `Tabagent samples text only; this request holds ${part.type} content.`);
    })
    .join('\n');
}

/** The request as shown and run, from the SDK's params. Throws an McpError the server understands for content we do not run. */
export function samplingRequestFrom(params: SamplingParams, server: McpRequester): McpSamplingRequest {
  const stopSequences = params.stopSequences?.filter((sequence) => typeof sequence === 'string');
  return {
    server: { ...server },
    messages: params.messages.map((message) => ({ role: message.role, text: textOf(message.content) })),
    ...(params.systemPrompt !== undefined ? { systemPrompt: params.systemPrompt } : {}),
    maxTokens: params.maxTokens,
    ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
    ...(stopSequences && stopSequences.length > 0 ? { stopSequences } : {}),
    toolsRefused: (params.tools?.length ?? 0) > 0,
  };
}

/** Runs an approved request and shapes the answer as the SDK's `CreateMessageResult`; a denial becomes the "user rejected" error. */
export async function answerSampling(
  request: McpSamplingRequest,
  handlers: McpSamplingHandlers,
  signal: AbortSignal,
): Promise<CreateMessageResult> {
  const frozen = Object.freeze(structuredClone(request));
  if (!(await handlers.approve(frozen, signal))) {
    throw new McpError(SAMPLING_REJECTED_CODE, 'The person declined this sampling request.');
  }
  const completion = await handlers.complete(frozen, signal);
  return { model: completion.model, role: 'assistant', content: { type: 'text', text: completion.text }, stopReason: completion.stopReason };
}

/** Answers the server's `sampling/createMessage` requests on `client` with `handlers`. */
export function installSamplingHandler(client: Client, handlers: McpSamplingHandlers, server: () => McpRequester): void {
  client.setRequestHandler(CreateMessageRequestSchema, (request, extra) =>
    answerSampling(samplingRequestFrom(request.params, server()), handlers, extra.signal),
  );
}

/**
 * Completes a sampling request on a chat engine: the exact system prompt and messages, the
 * server's token limit, and never any tools (no `tools`, tool choice none).
 */
export async function completeOnEngine(engine: ChatEngine, request: Readonly<McpSamplingRequest>, signal: AbortSignal, model = engine.id): Promise<McpSamplingCompletion> {
  const messages: ChatMessage[] = [
    ...(request.systemPrompt ? [{ role: 'system' as const, content: request.systemPrompt }] : []),
    ...request.messages.map((message) => ({ role: message.role, content: message.text })),
  ];
  let text = '';
  let stopReason: McpSamplingCompletion['stopReason'] = 'endTurn';
  for await (const chunk of engine.chat(
    {
      messages,
      maxTokens: request.maxTokens,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.stopSequences ? { stop: [...request.stopSequences] } : {}),
      noRetry: true,
    },
    signal,
  )) {
    if (chunk.type === 'text-delta') text += chunk.text;
    else if (chunk.type === 'tool-call-delta') throw new TabagentError('tool-failed', 'The model tried to call a tool while answering a sampling request; sampling never runs tools.');
    else if (chunk.type === 'finish' && chunk.reason === 'length') stopReason = 'maxTokens';
  }
  return { model, text, stopReason };
}
