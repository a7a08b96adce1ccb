import type { ToolDefinition } from '../types';
import type { ToolListing } from './types';

/**
 * What every incremental listing's syntax says about earlier lists: a tool listed in an earlier
 * user message is not listed again, and the model may still call it.
 */
export const EARLIER_TOOLS_STAY = 'a tool listed earlier in the conversation stays available';

/** How a turn's signatures are written: one per line between optional open and close lines, or as one block. */
export interface ListingShape {
  /** The call syntax for the fixed system text. */
  syntax: string;
  /** One tool as the list writes it (must appear verbatim in `list`'s output). */
  signature(tool: ToolDefinition): string;
  /** The whole block for these tools; default: `open`, the signatures one per line, `close`. */
  list?: (tools: readonly ToolDefinition[]) => string;
  open?: string;
  close?: string;
}

/**
 * A format's {@link ToolListing}: its call syntax said once in the fixed system text, and each
 * turn's new signatures in the format's own list shape, so a new turn only appends to the prompt.
 */
export function toolListing(shape: ListingShape): ToolListing {
  const list =
    shape.list ??
    ((tools: readonly ToolDefinition[]) => [shape.open ?? '', ...tools.map(shape.signature), shape.close ?? ''].filter((line) => line !== '').join('\n'));
  return { syntax: shape.syntax, signature: shape.signature, list };
}

/** A tool as an OpenAI function object, the signature most templates embed. */
export function functionJson(tool: ToolDefinition): string {
  return JSON.stringify({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } });
}
