import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ErrorCode, McpError, type CreateMessageRequest, type CreateMessageResult } from '@modelcontextprotocol/sdk/types.js';

export { completeOnEngine } from './sampling-engine';
export type { McpRequester, McpSamplingCompletion, McpSamplingHandlers, McpSamplingRequest } from './sampling-types';
import type { McpRequester, McpSamplingHandlers, McpSamplingRequest } from './sampling-types';

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
