import type { TabagentError } from '../errors';
import type { ChatMessage, FinishReason, ToolCall, Usage } from '../types';
import type { ToolResult } from '../tool-runner';
import type { ContextSection, ToolSelection } from './turn-context';

/** How the prompt of one step was assembled, for the UI and for KV-cache reuse measurement. */
export interface PromptInfo {
  /** Messages sent (system included). */
  messageCount: number;
  /** Estimated prompt tokens (characters / 4 unless a tokenizer is supplied). */
  estimatedTokens: number;
  /** Share of this prompt that is an exact prefix of the previous step's prompt plus its answer (0..1). */
  prefixReuse: number;
  /** 'native' when tools go in the request, else the text format's name. */
  toolMode: string;
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
   * message's `context`, so later turns repeat it verbatim (prefix caching).
   */
  | { type: 'turn-context'; context: string }
  | { type: 'step-start'; step: number }
  | { type: 'prompt'; step: number; prompt: PromptInfo }
  | { type: 'text-delta'; step: number; text: string }
  /** A call parsed and validated, about to run. */
  | { type: 'tool-call'; step: number; call: ToolCall }
  /** A call that could not run as written (unknown tool, bad arguments, unparseable); sent back to the model. */
  | { type: 'tool-call-invalid'; step: number; call: ToolCall; message: string }
  | { type: 'approval-requested'; step: number; call: ToolCall }
  | { type: 'tool-result'; step: number; call: ToolCall; result: ToolResult }
  /** A message was added to the transcript (persist it). */
  | { type: 'message'; message: ChatMessage }
  | { type: 'usage'; step: number; usage: Usage }
  /** The model's answer for this step is complete; `text` is its final display text (call markup removed). */
  | { type: 'step-finish'; step: number; reason: FinishReason; text: string }
  /** The run ended with an answer (or was stopped: `stopped` true). */
  | { type: 'finish'; text: string; steps: number; stopped: boolean; usage: Usage }
  /** The run ended with a fatal error; the transcript up to here is consistent. */
  | { type: 'error'; error: TabagentError; partialText: string };
