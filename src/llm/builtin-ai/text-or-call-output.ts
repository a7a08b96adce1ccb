import { repairJson } from '../../core/formats';
import { TEXT_OR_CALL_TEXT_KEY } from '../../core/grammar';
import { isRecord } from '../../core/is-record';
import type { ChatChunk } from '../../core/types';

const TEXT_START = new RegExp(`^\\s*\\{\\s*"${TEXT_OR_CALL_TEXT_KEY}"\\s*:\\s*"`);
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes a JSON string's body as it streams in, one character once: stops before an escape
 * that is not complete yet and at the closing quote.
 */
class StreamingStringDecoder {
  private position = 0;
  closed = false;

  /** Decodes what `body` (the text after the opening quote) adds beyond what was decoded before. */
  next(body: string): string {
    let out = '';
    while (!this.closed && this.position < body.length) {
      const char = body[this.position] ?? '';
      if (char === '"') {
        this.closed = true;
        break;
      }
      if (char !== '\\') {
        out += char;
        this.position += 1;
        continue;
      }
      const kind = body[this.position + 1];
      if (kind === undefined) break;
      if (kind === 'u') {
        const hex = body.slice(this.position + 2, this.position + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(Number.parseInt(hex, 16) || 0xfffd);
        this.position += 6;
        continue;
      }
      out += ESCAPES[kind] ?? kind;
      this.position += 2;
    }
    return out;
  }
}

/**
 * Turns an answer written under `textOrCallJsonSchema` into the chunks a text engine would send:
 * `{"text": "…"}` streams as text while it arrives; `{"name", "arguments"}` becomes one tool call
 * when the answer is complete. Anything else (a model that ignored the constraint) is passed on
 * as text at the end, for the agent's tolerant parser.
 */
export class TextOrCallOutput {
  private raw = '';
  private shown = '';
  private readonly decoder = new StreamingStringDecoder();

  /** Adds a delta of the JSON answer; returns the text chunks it reveals. */
  push(delta: string): ChatChunk[] {
    this.raw += delta;
    const start = TEXT_START.exec(this.raw);
    if (!start) return [];
    const text = this.decoder.next(this.raw.slice(start[0].length));
    if (text === '') return [];
    this.shown += text;
    return [{ type: 'text-delta', text }];
  }

  /** The chunks left once the answer is complete; `callId` names a call if it is one. */
  finish(callId: string): ChatChunk[] {
    const parsed = repairJson(this.raw);
    const value = 'value' in parsed && isRecord(parsed.value) ? parsed.value : undefined;
    const text = value?.[TEXT_OR_CALL_TEXT_KEY];
    if (typeof text === 'string') {
      return text.startsWith(this.shown) && text.length > this.shown.length ? [{ type: 'text-delta', text: text.slice(this.shown.length) }] : [];
    }
    if (value && typeof value.name === 'string' && this.shown === '') {
      const args = isRecord(value.arguments) ? value.arguments : {};
      return [{ type: 'tool-call-delta', index: 0, id: callId, name: value.name, argumentsDelta: JSON.stringify(args) }];
    }
    return this.shown === '' && this.raw !== '' ? [{ type: 'text-delta', text: this.raw }] : [];
  }
}
