/**
 * The transcript: one turn per user message, holding the assistant's text and tool-call cards in
 * the order they happened, plus the messages the run added (the model's history).
 *
 * Defined once, here below both the chat and the store: the chat shows these turns and the store
 * keeps them (`src/store/records.ts` derives its records from these types), so the two cannot
 * drift apart.
 */
import type { BudgetSplit } from './agent/budget';
import type { ErrorCode } from './errors';
import type { ToolProgress } from './tool-runner';
import type { ChatMessage, ImagePart } from './types';

/** Where a tool call stands. `stopped`: the run was stopped before the call finished. */
export type ToolCallStatus = 'awaiting-approval' | 'running' | 'done' | 'error' | 'denied' | 'stopped';

/** Assistant text of one model step. */
export interface AssistantItem {
  kind: 'assistant';
  id: string;
  step: number;
  text: string;
  /**
   * What the model thought before this text (or before the step's calls): shown collapsed as
   * "Thinking", kept with the turn, never part of the history sent to the model. Absent when the
   * step had none (records from before it existed have none either: no migration needed).
   */
  reasoning?: string;
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
  /** Images in the tool's answer, shown in the card (data URLs). */
  images?: ImagePart[];
  durationMs?: number;
  /** An agent called as a tool: its own run (the task as its user text), shown inside this card. */
  nested?: Turn;
  /** The running call's last progress report (an MCP server's progress notification); gone once it ends. */
  progress?: ToolProgress;
}

/** One item of a turn, in the order the chat showed it. */
export type TurnItem = AssistantItem | ToolCallItem;

export type TurnStatus = 'running' | 'done' | 'stopped' | 'error';

/** One user message and everything the agent did about it. */
export interface Turn {
  id: string;
  userText: string;
  /** Images the person attached to the user message (absent: none). */
  images?: ImagePart[];
  /** MCP resources the person attached to the user message, read when it is sent (absent: none). */
  resources?: AttachedResourceRef[];
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
  /**
   * The turn's wait for saved MCP servers still reconnecting after a reload: 'waiting' while it
   * waits (a few seconds at most), 'timed-out' when it went on without them. Shown, never stored.
   */
  serverWait?: ServerWaitState;
}

/** Where a turn's wait for reconnecting MCP servers stands (see `Turn.serverWait`). */
export type ServerWaitState = 'waiting' | 'timed-out';

/** An MCP resource attached to a user message: which server, which URI, under what name. */
export interface AttachedResourceRef {
  serverId: string;
  serverName: string;
  uri: string;
  name: string;
}

/** How a turn stands or ended: its status, and the error when it failed. */
export type TurnState = Pick<Turn, 'status' | 'error'>;

/** Where the tokens of a turn's last prompt went, against the limit: the budgeter's split plus what it cut. */
export interface TurnBudget extends BudgetSplit {
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
