import type { TabagentError } from '../errors';
import type { ChatMessage, FinishReason, ToolCall, Usage } from '../types';
import type { ApprovalDecision, ApprovalDetails, ToolProgress, ToolResult } from '../tool-runner';
import type { BudgetSplit } from './budget';
import type { ContextSection, ToolSelection } from './turn-context';

/** How the prompt of one step was assembled, for the UI and for KV-cache reuse measurement. */
export interface PromptInfo {
  /** Messages sent (system included). */
  messageCount: number;
  /** Prompt tokens: the model's tokenizer when the run has one (`countTokens`), else the estimate (budget.ts). */
  estimatedTokens: number;
  /** Share of this prompt that is an exact prefix of the previous step's prompt plus its answer (0..1). */
  prefixReuse: number;
  /** 'native' when tools go in the request, else the text format's name. */
  toolMode: string;
  /** Where the prompt's tokens go, against the limit (context window minus the answer's reserve). */
  budget: BudgetSplit;
  /** Earlier messages left out to fit the budget (whole turns, oldest first). */
  omittedMessages: number;
  /** Tool results of this turn shortened to fit the budget. */
  truncatedResults: number;
}

/**
 * Everything a run reports, in order. UI, CLI and eval consume the same stream.
 * Recoverable failures (a bad call, a failing tool) are events; only fatal ones end the run with `error`.
 */
export type AgentEvent =
  /** Tool retrieval chose this turn's tools (only with `selectTools`). */
  | { type: 'tools-selected'; selection: ToolSelection }
  /** Material retrieved for this turn; `failures` names providers that failed (the turn goes on without them). */
  | { type: 'context'; sections: ContextSection[]; failures: string[] }
  /**
   * The text shown to the model with the newest user message this turn. Store it as that
   * message's `context`, so later turns repeat it verbatim (prefix caching). Sent again, replacing
   * the first, when a step that leaves out earlier turns shows the message with every tool of the
   * turn listed (the signatures those turns listed are gone): the last one is what was sent.
   */
  | { type: 'turn-context'; context: string }
  | { type: 'step-start'; step: number }
  | { type: 'prompt'; step: number; prompt: PromptInfo }
  /**
   * Even with every earlier turn left out and this turn's tool results shortened, the prompt is
   * over the budget. The request is still sent (the engine's stated window may be too small a
   * guess); the engine answers with its own error if it cannot read it all.
   */
  | { type: 'context-overflow'; step: number; budget: BudgetSplit; message: string }
  | { type: 'text-delta'; step: number; text: string }
  /** A piece of the model's thinking in this step: shown apart ("Thinking"), never parsed for calls, never sent back. */
  | { type: 'reasoning-delta'; step: number; text: string }
  /** A call parsed and validated, about to run. */
  | { type: 'tool-call'; step: number; call: ToolCall }
  /** A call that could not run as written (unknown tool, bad arguments, unparseable); sent back to the model. */
  | { type: 'tool-call-invalid'; step: number; call: ToolCall; message: string }
  /** The loop asks the person about this exact, frozen call (it runs only if allowed). */
  | { type: 'approval-requested'; step: number; call: ToolCall; details: ApprovalDetails }
  /** The person's answer (a stop or a failed question counts as 'deny'); a denied call gets a 'denied' result. */
  | { type: 'approval-resolved'; step: number; call: ToolCall; decision: ApprovalDecision }
  /** An event of the agent this call runs (an agent called as a tool), shown inside the call's card. */
  | { type: 'tool-progress'; step: number; call: ToolCall; event: AgentEvent }
  /** The running call reported how far it got (an MCP server's progress notification), shown in its card. */
  | { type: 'tool-call-progress'; step: number; call: ToolCall; progress: ToolProgress }
  | { type: 'tool-result'; step: number; call: ToolCall; result: ToolResult }
  /** A message was added to the transcript (persist it). */
  | { type: 'message'; message: ChatMessage }
  | { type: 'usage'; step: number; usage: Usage }
  /** The model's answer for this step is complete; `text` is its final display text (call markup removed). */
  | { type: 'step-finish'; step: number; reason: FinishReason; text: string }
  /**
   * The run ended with an answer (or was stopped: `stopped` true). `untrustedSources`: what outside
   * text the run's context held at the end (absent when none), for a caller that runs it as a tool.
   */
  | { type: 'finish'; text: string; steps: number; stopped: boolean; usage: Usage; untrustedSources?: string[] }
  /** The run ended with a fatal error; the transcript up to here is consistent. */
  | { type: 'error'; error: TabagentError; partialText: string };
