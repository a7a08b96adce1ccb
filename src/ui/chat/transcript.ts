/**
 * What the chat shows: one turn per user message, holding the assistant's text and tool-call
 * cards in the order they happened, plus the messages the run added (the model's history).
 */
import type { ErrorCode } from '../../core/errors';
import type { ChatMessage } from '../../core/types';

/** Where a tool call stands. `stopped`: the run was stopped before the call finished. */
export type ToolCallStatus = 'awaiting-approval' | 'running' | 'done' | 'error' | 'denied' | 'stopped';

/** Assistant text of one model step. */
export interface AssistantItem {
  kind: 'assistant';
  id: string;
  step: number;
  text: string;
  /** Still receiving text. */
  streaming: boolean;
  /** The run stopped or failed while this text was being written. */
  incomplete: boolean;
}

/** One tool call, as a card. */
export interface ToolCallItem {
  kind: 'tool-call';
  id: string;
  step: number;
  callId: string;
  name: string;
  arguments: Record<string, unknown>;
  status: ToolCallStatus;
  /** The tool's answer (usually JSON), or why the call could not run. */
  result?: string;
  durationMs?: number;
}

export type TurnItem = AssistantItem | ToolCallItem;

export type TurnStatus = 'running' | 'done' | 'stopped' | 'error';

/** One user message and everything the agent did about it. */
export interface Turn {
  id: string;
  userText: string;
  items: TurnItem[];
  /** Messages the run added after the user message (assistant, tool, corrections): the model's history. */
  messages: ChatMessage[];
  status: TurnStatus;
  /** Set when the run ended with an error: what the person should read. */
  error?: { code: ErrorCode; message: string };
  /** What the model was shown with the user's message (tools, memories, knowledge); repeated verbatim later. */
  context?: string;
  /** The tools retrieval chose for this turn, best first, with their scores. */
  retrievedTools?: RetrievedTools;
  /** Material retrieved for this turn (memories, knowledge passages), in citation order. */
  sources?: TurnSource[];
  /** How the turn's last prompt used the model's context (tokens). */
  budget?: TurnBudget;
}

/** Where the tokens of a turn's last prompt went, against the limit. */
export interface TurnBudget {
  system: number;
  tools: number;
  /** Retrieved memories and knowledge. */
  context: number;
  history: number;
  total: number;
  limit: number;
  /** Earlier messages left out to fit. */
  omittedMessages: number;
  /** Tool results of the turn shortened to fit. */
  truncatedResults: number;
  /** True when even that did not fit (the request was sent anyway). */
  overflow?: boolean;
}

/** The tools a turn was offered, as retrieval ranked them. */
export interface RetrievedTools {
  /** How many enabled tools were searched. */
  searched: number;
  retrievers: ('dense' | 'bm25')[];
  tools: { name: string; score: number; pinned: boolean }[];
}

/** One retrieved piece of material the turn's prompt quoted ([n] in the answer refers to position n). */
export interface TurnSource {
  kind: string;
  title: string;
  text: string;
  ref?: string;
}

/** The conversation as the model sees it: every turn's user message followed by what its run added. */
export function historyOf(turns: readonly Turn[]): ChatMessage[] {
  return turns.flatMap((turn): ChatMessage[] => [
    turn.context ? { role: 'user', content: turn.userText, context: turn.context } : { role: 'user', content: turn.userText },
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
