/**
 * Splits a streamed answer into text and tool calls for a model that writes its family's call
 * format: text streams until a call opener appears (a tail that may be the start of one is held
 * back, so markup never reaches the stream); from there the rest is held and parsed at the end.
 */
import { getFormat } from '../../core/formats';
import { stripPartialMarker } from '../../core/formats/text-scan';
import type { FormatName, ParsedToolCall } from '../../core/formats/types';
import type { ChatChunk } from '../../core/types';

export interface ToolCallSplitter {
  /** Adds decoded text; returns the part that is plain answer text, safe to stream now. */
  push(text: string): string;
  /**
   * Ends the answer. The held text is parsed in the family's format (as a finished output): its
   * calls come back with any text still to stream. When the held text holds no readable call it
   * comes back as text, so the agent sees the broken markup and can ask the model to write it again.
   * `cut`: the answer stopped at the token limit, so a call unfinished at the end is not repaired
   * into arguments the model never wrote; it stays text, and only the complete calls come back.
   */
  finish(options?: { cut?: boolean }): { text: string; calls: ParsedToolCall[] };
}

/** Creates a splitter for `format`, whose calls start with one of `callOpeners`. */
export function createToolCallSplitter(format: FormatName, callOpeners: readonly string[]): ToolCallSplitter {
  let pending = '';
  let held: string | undefined;

  return {
    push(text) {
      if (held !== undefined) {
        held += text;
        return '';
      }
      pending += text;
      const at = earliestOpener(pending, callOpeners);
      if (at !== -1) {
        held = pending.slice(at);
        const before = pending.slice(0, at);
        pending = '';
        return before;
      }
      const safe = stripPartialMarker(pending, callOpeners);
      pending = pending.slice(safe.length);
      return safe;
    },
    finish(options = {}) {
      if (held === undefined) {
        const rest = pending;
        pending = '';
        return { text: rest, calls: [] };
      }
      const cut = options.cut === true;
      const parsed = getFormat(format).parse(held, { final: !cut });
      // Unfinished calls are hidden from `content`; a cut one is the last, from its opener on.
      const unfinished = cut && parsed.problems.some((problem) => problem.kind === 'incomplete') ? held.slice(latestOpener(held, callOpeners)) : '';
      const text = parsed.calls.length === 0 ? held : parsed.content + unfinished;
      held = undefined;
      return { text, calls: parsed.calls };
    },
  };
}

function earliestOpener(text: string, openers: readonly string[]): number {
  let earliest = -1;
  for (const opener of openers) {
    const at = text.indexOf(opener);
    if (at !== -1 && (earliest === -1 || at < earliest)) earliest = at;
  }
  return earliest;
}

function latestOpener(text: string, openers: readonly string[]): number {
  return Math.max(0, ...openers.map((opener) => text.lastIndexOf(opener)));
}

/** The chunks of parsed calls: one complete `tool-call-delta` each (name and whole arguments). */
export function toolCallChunks(calls: readonly ParsedToolCall[]): ChatChunk[] {
  return calls.map((call, index) => ({ type: 'tool-call-delta', index, name: call.name, argumentsDelta: JSON.stringify(call.arguments) }));
}
