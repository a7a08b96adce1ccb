import type { AgentApprovalPolicy } from '../agent-definition';
import type { ChatEngine, ChatMessage } from '../types';
import type { ApproveCall, ToolRunner } from '../tool-runner';
import type { FormatName } from '../formats/types';
import type { ContextBudget } from './budget';
import type { CountTokens } from './token-count';
import type { ContextProvider, SelectTools } from './turn-context';

/** How tools reach the model: natively in the request, or as text in one of our formats. */
export type ToolMode = 'native' | FormatName;

export interface RunAgentOptions {
  engine: ChatEngine;
  tools: ToolRunner;
  /** The conversation so far (no system message), ending with the new user message. Not mutated. */
  messages: ChatMessage[];
  /** Fixed system text; it opens every prompt unchanged so engines can reuse their KV cache. */
  systemPrompt?: string;
  /** Default: 'native' when the engine has native tool calls, else 'hermes'. */
  toolMode?: ToolMode;
  /**
   * Native tool calls win over `toolMode` when the loaded engine offers them: for local models whose
   * chat template may take tools (known only once loaded); `toolMode` is then the fallback format.
   */
  preferNativeTools?: boolean;
  /** Model calls per run (default 8). */
  maxSteps?: number;
  /** Times an invalid call is sent back to the model for correction before giving up (default 2). */
  maxRepairs?: number;
  /** Asked before each side-effecting call; without it such calls are denied. */
  approve?: ApproveCall;
  /**
   * Outside text that reached this run through its caller (an agent called as a tool inherits the
   * calling run's taint): the run starts as untrusted as its caller was, so a task written under an
   * injection cannot reach a data-sending tool unconfirmed.
   */
  inheritedUntrustedSources?: readonly string[];
  /** Which calls are asked about (the agent's policy; default 'side-effects': see approval.ts). */
  approvalPolicy?: AgentApprovalPolicy;
  signal?: AbortSignal;
  /** Per-turn text added to the newest user message (after retrieved material). */
  turnContext?: string;
  /**
   * Chooses the tools this turn's prompt holds (tool retrieval). Without it every enabled tool is
   * offered. With it, text formats list the chosen tools with the user's message rather than in
   * the system prompt, so the prompt's prefix stays the same from turn to turn.
   */
  selectTools?: SelectTools;
  /** Retrieve memories, knowledge… for the newest user message; run concurrently at turn start. */
  context?: readonly ContextProvider[];
  temperature?: number;
  /** Thinking on or off where the model has a switch for it (the agent's; absent: the model's default). */
  thinking?: boolean;
  /**
   * The model writes a `<think>` block before its answer (a thinking family, such as Qwen3): the
   * tool grammar then admits one before the call or the text, unless `thinking` is false.
   */
  modelThinks?: boolean;
  maxTokens?: number;
  /**
   * Counts tokens with the active model's tokenizer. Default: `estimateTokens` (one token per CJK
   * character, one per four other characters; see token-count.ts).
   */
  countTokens?: CountTokens;
  /**
   * How large the prompt may be. Default: the engine's context window, reserving `maxTokens`
   * (or a quarter of the window, at most 1024) for the answer. Over it, the oldest turns are left
   * out first (the policy is in budget.ts).
   */
  contextBudget?: ContextBudget;
  /** Makes tool-call ids; injected for deterministic tests. */
  createId?: () => string;
}
