/** The eval data model: one tool-use example per line of our JSONL, and what scoring it produced. */
import type { ChatMessage, ToolDefinition } from '../core/types';

/** A call as the gold answer (or a prediction) states it: no id, arguments already parsed. */
export interface EvalCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * What the model should do next: make these calls (an empty list means "make no call"), or answer
 * with this text (a reference for ROUGE-L; making no call is then also expected).
 */
export type Gold = { calls: EvalCall[] } | { text: string };

/**
 * Accepted values per argument, one record per gold call (same order as `gold.calls`). A list holding
 * `""` marks the argument optional (BFCL's convention). An argument missing from a record accepts only
 * the gold call's own value.
 */
export type Acceptable = Array<Record<string, unknown[]>>;

/** The result a gold call got when it ran, for the follow-up (final answer) step. */
export interface GoldToolResult {
  name: string;
  content: string;
}

/** One tool-use example: the conversation so far, the tools offered, and the gold next step. */
export interface EvalExample {
  id: string;
  tools: ToolDefinition[];
  /** The conversation so far, ending where the model must act. */
  messages: ChatMessage[];
  gold: Gold;
  acceptable?: Acceptable;
  /** Results of the gold calls, in order; with `finalAnswer`, the runner scores a follow-up answer. */
  toolResults?: GoldToolResult[];
  /** The reference answer after the gold calls ran (ROUGE-L). */
  finalAnswer?: string;
}

/** The gold calls; empty when the gold answer is text or "make no call". */
export function goldCalls(gold: Gold): EvalCall[] {
  return 'calls' in gold ? gold.calls : [];
}
