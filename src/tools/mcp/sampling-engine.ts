import { TabagentError } from '../../core/errors';
import type { ChatEngine, ChatMessage } from '../../core/types';
import type { McpSamplingCompletion, McpSamplingRequest } from './sampling-types';

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
