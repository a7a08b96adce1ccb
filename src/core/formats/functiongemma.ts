import type { ToolDefinition } from '../types';
import { guardParse, problem } from './call-shape';
import { setOwn } from './json-reader';
import { expectClose, parseMarked, unfinished, type BlockRead, type ScanContext } from './marker-scan';
import { joinTurn } from './json-tagged';
import type { ToolCallFormat } from './types';
import { EARLIER_TOOLS_STAY, toolListing } from './listing';

/**
 * Google FunctionGemma: `<start_function_call>call:get_weather{city:<escape>Paris<escape>,days:3}<end_function_call>`.
 * Strings sit between `<escape>` tokens (so they may hold any punctuation); numbers, booleans, lists
 * `[...]` and objects `{k:v}` are written bare. Results come back as
 * `<start_function_response>response:name{...}<end_function_response>`.
 */

const OPEN = '<start_function_call>';
const CLOSE = '<end_function_call>';
const ESC = '<escape>';
const RESPONSE = { open: '<start_function_response>', close: '<end_function_response>' };
const MAX_DEPTH = 200;
const MAX_NAME = 256;

class Stop {
  constructor(
    readonly wait: boolean,
    readonly message: string,
    readonly at: number,
  ) {}
}

/** Reads FunctionGemma values; throws {@link Stop} (caught below) at the end of the text or on junk. */
class ValueReader {
  constructor(
    private readonly ctx: ScanContext,
    public i: number,
  ) {}

  private peek(): string {
    if (this.i >= this.ctx.text.length) throw new Stop(!this.ctx.final, 'the text ends inside the call', this.i);
    return this.ctx.text.charAt(this.i);
  }

  /** The final output ended inside a container: closing it is the end-of-output repair. */
  private endsHere(): boolean {
    return this.ctx.final && this.i >= this.ctx.text.length;
  }

  private escaped(): string {
    const from = this.i + ESC.length;
    let end = this.ctx.find(ESC, from);
    if (end < 0 && this.ctx.final) end = this.ctx.text.length; // closed by repair
    if (end < 0) throw new Stop(true, 'a string is not closed', this.i);
    this.i = Math.min(end + ESC.length, this.ctx.text.length);
    return this.ctx.text.slice(from, end);
  }

  private startsEscape(): boolean {
    const rest = this.ctx.text.slice(this.i, this.i + ESC.length);
    if (rest === ESC) return true;
    // `<esc` at the very end may still become `<escape>`.
    if (rest.length < ESC.length && ESC.startsWith(rest) && rest !== '') throw new Stop(!this.ctx.final, 'cut off', this.i);
    return false;
  }

  object(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw new Stop(false, 'nested too deeply', this.i);
    this.i++; // `{`
    const out: Record<string, unknown> = {};
    while (!this.endsHere() && this.peek() !== '}') {
      let key: string;
      if (this.startsEscape()) {
        key = this.escaped();
      } else {
        const from = this.i;
        while (!/[:{}[\],]/.test(this.peek())) this.i++;
        key = this.ctx.text.slice(from, this.i).trim();
      }
      if (this.peek() !== ':') throw new Stop(false, `expected ':' after ${JSON.stringify(key.slice(0, 40))}`, this.i);
      this.i++;
      setOwn(out, key, this.value(depth + 1));
      if (!this.endsHere()) this.separator('}');
    }
    if (!this.endsHere()) this.i++;
    return out;
  }

  private separator(close: string): void {
    const c = this.peek();
    if (c === ',') this.i++;
    else if (c !== close) throw new Stop(false, `expected ',' or '${close}'`, this.i);
  }

  value(depth: number): unknown {
    while (/\s/.test(this.peek())) this.i++;
    const c = this.peek();
    if (c === '{') return this.object(depth);
    if (c === '[') {
      if (depth > MAX_DEPTH) throw new Stop(false, 'nested too deeply', this.i);
      this.i++;
      const list: unknown[] = [];
      while (!this.endsHere() && this.peek() !== ']') {
        list.push(this.value(depth + 1));
        if (!this.endsHere()) this.separator(']');
      }
      if (!this.endsHere()) this.i++;
      return list;
    }
    if (this.startsEscape()) return this.escaped();
    const from = this.i;
    while (!this.endsHere() && !/[,}\]]/.test(this.peek())) this.i++;
    const token = this.ctx.text.slice(from, this.i).trim();
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    const number = Number(token);
    // Bare words that are not numbers are kept as text (the model forgot the <escape> tokens).
    return token !== '' && Number.isFinite(number) && /^-?[\d.]/.test(token) ? number : token;
  }
}

function readCall(ctx: ScanContext, at: number): BlockRead {
  const { text } = ctx;
  const source = text.slice(at, at + 200);
  let i = at + OPEN.length;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  if (text.startsWith('call:', i)) i += 5;
  else if (!ctx.final && 'call:'.startsWith(text.slice(i, i + 5)) && i + 5 > text.length) return unfinished(source);
  const from = i;
  while (i < text.length && i - from <= MAX_NAME && text.charAt(i) !== '{' && text.charAt(i) !== '<') i++;
  if (i >= text.length && !ctx.final) return unfinished(source);
  const name = text.slice(from, i).trim();
  if (name === '' || text.charAt(i) !== '{') {
    return { next: Math.max(i, at + OPEN.length), calls: [], problems: [problem('missing-name', 'A function call has no name or no arguments.', source)], stop: false };
  }
  const reader = new ValueReader(ctx, i);
  let args: Record<string, unknown>;
  try {
    args = reader.object(0);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    if (error.wait) return unfinished(source);
    const closeAt = ctx.find(CLOSE, error.at);
    return { next: closeAt < 0 ? Math.max(error.at, i + 1) : closeAt + CLOSE.length, calls: [], problems: [problem('bad-arguments', `Arguments of ${name}: ${error.message}.`, source)], stop: false };
  }
  const close = expectClose(ctx, reader.i, CLOSE);
  if (close === 'wait') return unfinished(source);
  const problems = close.missing ? [problem('repaired', `Added the missing ${CLOSE}.`, source)] : [];
  return { next: close.next, calls: [{ name, arguments: args }], problems, stop: false };
}

/** Writes a value in FunctionGemma's syntax. */
export function encodeGemma(value: unknown): string {
  if (typeof value === 'string') return `${ESC}${value}${ESC}`;
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean' || value === null || value === undefined) return String(value ?? null);
  if (Array.isArray(value)) return `[${value.map(encodeGemma).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).map((key) => `${/^[\w.-]+$/.test(key) ? key : `${ESC}${key}${ESC}`}:${encodeGemma(record[key])}`);
  return `{${keys.join(',')}}`;
}

/** One function's declaration block. */
function declaration(tool: ToolDefinition): string {
  return `<start_function_declaration>declaration:${tool.name}${encodeGemma({ description: tool.description, parameters: tool.parameters })}<end_function_declaration>`;
}

function renderTools(tools: ToolDefinition[]): string {
  return ['You are a model that can do function calling with the following functions', ...tools.map(declaration)].join('');
}


/** The functions declared turn by turn (tool retrieval): each turn's new declarations in the user message. */
const listing = toolListing({
  syntax: `You are a model that can do function calling with the functions declared in the user messages; ${EARLIER_TOOLS_STAY}.`,
  signature: declaration,
  list: (tools) => tools.map(declaration).join(''),
});

/** FunctionGemma calls; results as `<start_function_response>` blocks. */
export const functiongemmaFormat: ToolCallFormat = {
  name: 'functiongemma',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    if (calls.length === 0) return content?.trim() ?? '';
    return joinTurn(content, calls.map((call) => `${OPEN}call:${call.name}${encodeGemma(call.arguments)}${CLOSE}`).join(''));
  },
  renderResult(result) {
    return `${RESPONSE.open}response:${result.name}${encodeGemma({ value: result.content.split(ESC).join('') })}${RESPONSE.close}`;
  },
  parse(text, options) {
    const spec = { open: [OPEN], hidden: [RESPONSE], read: readCall };
    return guardParse(() => parseMarked(text, spec, options), text);
  },
  stopSequences: [RESPONSE.open],
};
