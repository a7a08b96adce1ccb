import type { ToolCall, ToolDefinition } from '../types';

/** Names of the tool-call formats Tabagent speaks (and recognises in 'auto' mode). */
export type FormatName =
  | 'openai'
  | 'hermes'
  | 'react'
  | 'modelscope'
  | 'qwen3-coder'
  | 'glm45'
  | 'llama3-json'
  | 'pythonic'
  | 'mistral'
  | 'deepseek'
  | 'functiongemma'
  | 'granite'
  | 'jamba'
  | 'internlm2'
  | 'command-r7b'
  | 'functionary'
  | 'qwen-agent'
  | 'react-json';

/** A call found in model text. Arguments are always an object (repaired where needed). */
export interface ParsedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** Something the parser noticed: a repair it made, or a call it had to drop. */
export interface ParseProblem {
  kind: 'repaired' | 'invalid-json' | 'unknown-tool' | 'incomplete' | 'missing-name' | 'bad-arguments';
  message: string;
  /** The offending text, truncated. */
  excerpt?: string;
  /**
   * On an 'incomplete' problem: the tool the unfinished call goes to, once its name has been written
   * in full (its arguments are still streaming in). Lets a UI show the call's card early; the call
   * itself is returned only once complete.
   */
  name?: string;
}

export interface ParseResult {
  /** The text with call markup removed (what the person should see). */
  content: string;
  calls: ParsedToolCall[];
  problems: ParseProblem[];
}

export interface ParseOptions {
  /** When given, only calls to these tools are accepted; others are dropped with an 'unknown-tool' problem. */
  tools?: ReadonlyArray<ToolDefinition | string>;
  /**
   * The text is the whole, finished model output. Default false: the text may be a streamed prefix,
   * so a call is returned only once it is complete (closing tag / closing brace seen) and anything
   * unfinished at the end is reported as 'incomplete' and hidden from `content`. With `final: true`
   * an unfinished call at the end is repaired instead (unclosed braces and strings closed, a missing
   * closing tag added) and returned, with 'repaired' problems. The default is the safe one: a caller
   * that forgets the flag loses a truncated call (reported), never runs a half-streamed one.
   */
  final?: boolean;
}

/**
 * `render` split in two, for tool lists that grow turn by turn (tool retrieval): the call syntax
 * goes once into the fixed system text, and each turn lists only the signatures not shown earlier.
 */
export interface ToolListing {
  /** The call syntax and where the signatures are, for the fixed system text. */
  readonly syntax: string;
  /** One tool's signature exactly as `list` writes it, so an earlier listing can be recognised. */
  signature(tool: ToolDefinition): string;
  /** The signatures of these tools as one block. */
  list(tools: readonly ToolDefinition[]): string;
}

/** How one model family writes tool calls into text. */
export interface ToolCallFormat {
  readonly name: FormatName;
  /** System-prompt text that lists the tools and teaches the call syntax. */
  render(tools: ToolDefinition[]): string;
  /** The same split into syntax and per-tool signatures, where the format supports it. */
  readonly listing?: ToolListing;
  /** How an assistant turn with these calls is written back into the history (text formats). */
  renderCalls(calls: ReadonlyArray<Pick<ToolCall, 'name' | 'arguments'>>, content?: string): string;
  /** How a tool result is shown to the model (text formats put it in a user/observation turn). */
  renderResult(result: { name: string; content: string }): string;
  /** Parses model output. Never throws; tolerates partial (streamed) text; repairs common damage. */
  parse(text: string, options?: ParseOptions): ParseResult;
  /** Strings after which the model should stop (e.g. ReAct's "Observation:"). */
  readonly stopSequences: readonly string[];
}
