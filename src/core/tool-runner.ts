import type { ToolCall, ToolDefinition } from './types';
import type { TabagentError } from './errors';

/** What a tool call produced. A failing tool is a result with `isError`, never an exception. */
export interface ToolResult {
  /** Text (usually JSON) the model sees as the tool's answer. */
  content: string;
  isError: boolean;
  /** The typed error when `isError`. */
  error?: TabagentError;
  durationMs: number;
}

/** The user's decision on a side-effecting call. */
export type ApprovalDecision = 'allow' | 'deny';

/** Asks the person about one exact, frozen call. */
export type ApproveCall = (call: Readonly<ToolCall>, signal: AbortSignal) => Promise<ApprovalDecision>;

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Called for tools with side effects; without it such calls are denied. */
  approve?: ApproveCall;
}

/** Result of validating arguments against a tool's schema. */
export type ValidationOutcome = { ok: true } | { ok: false; message: string };

/**
 * What the agent loop needs from the tool library (implemented by src/tools).
 * Core only sees this interface.
 */
export interface ToolRunner {
  /** Enabled tools, as the model sees them. */
  definitions(): ToolDefinition[];
  /** Whether each call of this tool must be approved by the person first. */
  requiresApproval(name: string): boolean;
  /** Validates arguments without running anything. Unknown tools fail validation. */
  validate(name: string, args: Record<string, unknown>): ValidationOutcome;
  /** Validates, asks approval where needed, and runs with a timeout. Never throws. */
  execute(call: ToolCall, options?: ExecuteOptions): Promise<ToolResult>;
}
