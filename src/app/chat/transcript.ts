/**
 * What the chat shows: one turn per user message, holding the assistant's text and tool-call
 * cards in the order they happened, plus the messages the run added (the model's history).
 */
import type { ChatMessage } from '../../core/types';
import type { Turn } from '../../core/transcript';

// The transcript's types are defined once in core (below both the chat and the store).
export type {
  AssistantItem,
  RetrievedTools,
  ToolCallItem,
  ToolCallStatus,
  Turn,
  TurnBudget,
  TurnItem,
  TurnSource,
  TurnStatus,
} from '../../core/transcript';

/** The conversation as the model sees it: every turn's user message followed by what its run added. */
export function historyOf(turns: readonly Turn[]): ChatMessage[] {
  return turns.flatMap((turn): ChatMessage[] => [
    {
      role: 'user',
      content: turn.userText,
      ...(turn.context ? { context: turn.context } : {}),
      ...(turn.images && turn.images.length > 0 ? { images: turn.images } : {}),
    },
    ...turn.messages,
  ]);
}

/**
 * Gives every assistant tool call a tool message, adding a "stopped" result where a run was left
 * behind mid-call, so the history sent next time is one an OpenAI-style server accepts.
 */
export function repairMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  const answered = new Set(messages.flatMap((message) => (message.role === 'tool' ? [message.toolCallId] : [])));
  const repaired: ChatMessage[] = [];
  for (const message of messages) {
    repaired.push(message);
    if (message.role !== 'assistant') continue;
    for (const call of message.toolCalls ?? []) {
      if (answered.has(call.id)) continue;
      repaired.push({ role: 'tool', toolCallId: call.id, name: call.name, content: '{"error":"Stopped before it finished."}' });
    }
  }
  return repaired;
}
