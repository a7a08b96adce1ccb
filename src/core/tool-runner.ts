import type { ChatEngine, ImagePart, ToolCall, ToolDefinition } from './types';
import type { TabagentError } from './errors';
import type { AgentEvent } from './agent/events';

/** What a tool call produced. A failing tool is a result with `isError`, never an exception. */
export interface ToolResult {
  /** Text (usually JSON) the model sees as the tool's answer. */
  content: string;
  isError: boolean;
  /** The typed error when `isError`. */
  error?: TabagentError;
  durationMs: number;
  /** Model steps a nested agent run used for this call (an agent called as a tool); they count against the caller's step limit. */
  nestedSteps?: number;
  /** Outside text a nested agent run read (its taint sources): the caller's context is as tainted as the callee's was. */
  untrustedSources?: string[];
  /** Images in the tool's answer (MCP image content): shown in the card, passed on to engines that read images. */
  images?: ImagePart[];
}

/**
 * What a tool returns when its answer holds images besides its value: the executor turns `value`
 * into the result's text as usual and keeps `images` apart (never base64 in the text the model reads).
 */
export interface ToolOutputWithImages {
  readonly kind: 'tabagent.tool-output-with-images';
  value: unknown;
  images: ImagePart[];
}

/** A tool's value with images beside it (see `ToolOutputWithImages`). */
export function withImages(value: unknown, images: ImagePart[]): ToolOutputWithImages {
  return { kind: 'tabagent.tool-output-with-images', value, images };
}

/** True for a value made by `withImages`. */
export function isOutputWithImages(value: unknown): value is ToolOutputWithImages {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tabagent.tool-output-with-images';
}

/** The user's decision on a side-effecting call. */
export type ApprovalDecision = 'allow' | 'deny';

/** Why a call needs the person's confirmation. */
export type ApprovalReason =
  /** The tool acts on the world (its manifest says `sideEffects`). */
  | 'side-effects'
  /** The turn's context holds outside text (a web page, a tool result, a document) and this call can send data away. */
  | 'untrusted-context'
  /** The agent's approval policy is 'every-call': the person confirms each call, whatever the tool. */
  | 'every-call';

/** One request a call will make, as the person is shown it (secret placeholders as `‹secret: label›`). */
export interface RequestPreview {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * `url` is a prefix: requests of this method, without a body, to any URL under it (shown as
   * `url…`). For follow-up reads the tool cannot name in advance, e.g. the images an API's answer
   * links to on the API's own origin. Such an entry may be used more than once.
   */
  urlPrefix?: boolean;
}

/** What the confirmation shows besides the call itself: why it is asked, and what goes where. */
export interface ApprovalDetails {
  reasons: ApprovalReason[];
  /** Origins the call may contact (empty: none). */
  destinations: string[];
  /** The exact requests the call will make, when the tool can tell in advance. */
  requests?: RequestPreview[];
  /** What made the context untrusted (tool names, 'knowledge', 'earlier turn'…), for 'untrusted-context'. */
  untrustedSources?: string[];
}

/** Asks the person about one exact, frozen call; `details` says why and what will be sent where. */
export type ApproveCall = (call: Readonly<ToolCall>, signal: AbortSignal, details?: ApprovalDetails) => Promise<ApprovalDecision>;

/** A confirmation the loop requires beyond the tool's own `sideEffects` (see `requiresConfirmation`). */
export interface RequiredConfirmation {
  reason: 'untrusted-context';
  /** What made the context untrusted, shown to the person. */
  sources: string[];
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Called for tools with side effects (and calls in `confirm`); without it such calls are denied. */
  approve?: ApproveCall;
  /** Ask the person even when the tool has no side effects (the context is untrusted). */
  confirm?: RequiredConfirmation;
}

/** What the loop's confirmation policy needs to know about a tool. */
export interface ToolTraits {
  /** The tool acts on the world: every call is confirmed. */
  sideEffects: boolean;
  /** The tool can send its arguments off this machine (it has network origins, or is an http/openapi/mcp/model-api tool). */
  sendsData: boolean;
  /**
   * The tool's output is computed on this machine from its arguments alone (calculator, clock,
   * unit conversion), so its result brings no outside text into the prompt.
   */
  trustedOutput: boolean;
}

/** What a prepared call will reach, shown in its confirmation. */
export interface CallTarget {
  /** Origins the call may contact (empty: none). */
  destinations: string[];
  /** The exact requests the call will make, when the tool can tell in advance. */
  requests?: RequestPreview[];
}

/**
 * A call checked once (tool known and enabled, arguments valid JSON data matching the schema, no
 * secret placeholders) and frozen: exactly what runs if it runs. Issued by `ToolRunner.prepare`;
 * a runner runs each prepared call at most once, so an approval cannot be replayed.
 */
export interface PreparedCall {
  /** The deep-frozen call; what the person is asked about is what runs. */
  readonly call: Readonly<ToolCall>;
  /** What the call will send where; asked only when the call needs confirmation. */
  target(): Promise<CallTarget>;
}

/** `prepare`'s answer: the frozen call, or why it cannot run as written (sent back to the model). */
export type PrepareOutcome = { ok: true; prepared: PreparedCall } | { ok: false; message: string; error?: TabagentError };

/**
 * How far a running call has got, as the tool reports it (an MCP server's `notifications/progress`,
 * a download): `progress` of `total` when the total is known, and a line of text.
 */
export interface ToolProgress {
  progress: number;
  total?: number;
  message?: string;
}

/** How a prepared call runs. */
export interface RunPreparedOptions {
  signal?: AbortSignal;
  /** The person allowed this exact call. A runner refuses a side-effecting call without it. */
  approved?: boolean;
  /** What a tool that runs an agent of its own needs from the calling run (see `NestedRun`). */
  nested?: NestedRun;
  /** Receives the call's progress reports while it runs (shown in its card). */
  progress?: (report: ToolProgress) => void;
  /**
   * The calling run's engine: a completion a tool's server asks for during the call (MCP sampling)
   * runs on the conversation's own model, never with tools.
   */
  engine?: ChatEngine;
}

/**
 * What the calling run lends a tool that runs another agent's loop (an agent called as a tool):
 * where its events go (shown inside the caller's tool card), how many model steps are left of the
 * caller's limit, and who approves its calls (the same person, asked the same way).
 */
export interface NestedRun {
  /** Receives each event of the nested run, in order. */
  report(event: AgentEvent): void;
  /** Model steps left of the caller's step limit; the nested run may use at most these. */
  stepsLeft: number;
  /** The caller's approval callback. */
  approve?: ApproveCall;
  /** What outside text the caller's context held at the call (its taint sources; empty when clean). */
  untrustedSources: readonly string[];
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
  /**
   * What the confirmation policy needs to know about a tool. Optional for simple runners; without
   * it a tool counts as sending no data and bringing in untrusted output (the real executor has it).
   */
  traits?(name: string): ToolTraits;
  /** Validates arguments without running anything. Unknown tools fail validation. */
  validate(name: string, args: Record<string, unknown>): ValidationOutcome;
  /**
   * Checks and freezes a call once, before anyone is asked about it. The loop (core) decides
   * whether it needs approval; runners without `prepare`/`run` get `validate` plus `execute`.
   */
  prepare?(call: ToolCall): PrepareOutcome;
  /**
   * Runs a call this runner prepared, exactly as frozen, with a timeout; at most once per prepared
   * call. Enforces, never decides: a side-effecting tool without `approved` is refused. Never throws.
   */
  run?(prepared: PreparedCall, options?: RunPreparedOptions): Promise<ToolResult>;
  /**
   * Validates, asks approval where needed, and runs with a timeout, in one go: for callers outside
   * the agent loop (tool tests, the tool editor). Never throws.
   */
  execute(call: ToolCall, options?: ExecuteOptions): Promise<ToolResult>;
}
