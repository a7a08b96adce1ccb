/**
 * Weighted-LM spans. ModelScope-Agent weights the loss on API-call tokens more than on other
 * tokens; we express that as character spans over an assistant turn rendered in a text tool-call
 * format, so any trainer can map them onto its own tokens (via the tokenizer's offset mapping).
 */
import { getFormat, spacedJson } from '../../core/formats';
import type { FormatName } from '../../core/formats/types';
import type { ToolCall } from '../../core/types';

/**
 * A weighted character range `[start, end)` of a rendered assistant message, in Unicode code
 * points: the unit Python strings and tokenizer offset mappings use, so trainers can apply the
 * spans without conversion. (For text without astral characters such as emoji this equals the
 * JavaScript string index.)
 */
export interface WeightedSpan {
  start: number;
  end: number;
  weight: number;
  /** 'call': the JSON of one tool call; 'text': everything else (prose, call markup). */
  kind: 'call' | 'text';
}

/** An assistant turn as the model writes it in a text format, with its weights. */
export interface RenderedTurn {
  /** The format the text is written in. */
  format: FormatName;
  text: string;
  /** Covers `text` exactly, in order, without gaps or overlaps. */
  spans: WeightedSpan[];
}

/** The JSON of one call as the format writes it (for the JSON formats), else its whole block. */
function callNeedles(format: FormatName, call: Pick<ToolCall, 'name' | 'arguments'>): string[] {
  const json = spacedJson({ name: call.name, arguments: call.arguments });
  return [json, getFormat(format).renderCalls([call]).trim()];
}

/**
 * Renders `content` and `calls` in `format` and marks each call's text with `multiplier`
 * (default 2.0) and the rest with 1.0. In JSON-bodied formats such as hermes a call span is
 * exactly the call's JSON object (`text.slice(start, end)` parses to `{name, arguments}`); in
 * other formats it is the call's whole rendered block. Calls are searched in order, each after
 * the previous one, so equal calls get separate spans.
 */
export function renderWeightedTurn(
  content: string,
  calls: ReadonlyArray<Pick<ToolCall, 'name' | 'arguments'>>,
  format: FormatName,
  multiplier = 2,
): RenderedTurn {
  const text = calls.length > 0 ? getFormat(format).renderCalls(calls, content) : content;
  const callRanges: Array<[number, number]> = [];
  let cursor = 0;
  for (const call of calls) {
    for (const needle of callNeedles(format, call)) {
      const at = needle === '' ? -1 : text.indexOf(needle, cursor);
      if (at < 0) continue;
      callRanges.push([at, at + needle.length]);
      cursor = at + needle.length;
      break;
    }
  }
  const spans: WeightedSpan[] = [];
  let position = 0;
  for (const [start, end] of callRanges) {
    if (start > position) spans.push({ start: position, end: start, weight: 1, kind: 'text' });
    spans.push({ start, end, weight: multiplier, kind: 'call' });
    position = end;
  }
  if (position < text.length) spans.push({ start: position, end: text.length, weight: 1, kind: 'text' });
  const points = codePointIndex(text);
  return { format, text, spans: spans.map((span) => ({ ...span, start: points(span.start), end: points(span.end) })) };
}

/** Maps a UTF-16 index of `text` to a code-point index (astral characters are two UTF-16 units). */
function codePointIndex(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (utf16) => utf16;
  return (utf16) => Array.from(text.slice(0, utf16)).length;
}
