import fc from 'fast-check';

/** How a call is spelled: the whitespace between tokens (cycled) and whether non-ASCII is \u-escaped. */
export interface Spelling {
  spaces: string[];
  escapeNonAscii: boolean;
  /**
   * Write `/` as `\/` in every string, names included. XGrammar's JSON-schema mode spells `const`
   * and `enum` strings that way (valid JSON, same value), so its grammar needs it.
   */
  escapeSlash?: boolean;
}

/** Whitespace runs real models write: none, a space, newlines with indentation, tabs, CRLF. */
export const MODEL_SPACES = ['', ' ', '  ', '\n', '\n  ', '\n    ', '\t', '\r\n'];
/** XGrammar's own JSON whitespace (its JSON-schema grammars allow only space, \n and \t). */
export const XGRAMMAR_SPACES = ['', ' ', '\n', '\n  ', '\t'];

export function spellingArbitrary(spaces: readonly string[]): fc.Arbitrary<Spelling> {
  return fc.record({
    spaces: fc.array(fc.constantFrom(...spaces), { minLength: 1, maxLength: 24 }),
    escapeNonAscii: fc.boolean(),
  });
}

class Writer {
  private next = 0;
  constructor(private readonly spelling: Spelling) {}

  ws(): string {
    const { spaces } = this.spelling;
    const space = spaces[this.next % spaces.length] ?? '';
    this.next++;
    return space;
  }

  string(text: string): string {
    let json = JSON.stringify(text);
    if (this.spelling.escapeSlash === true) json = json.replaceAll('/', '\\/');
    return this.spelling.escapeNonAscii ? json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  }

  value(value: unknown): string {
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) {
      if (value.length === 0) return `[${this.ws()}]`;
      return `[${this.ws()}${value.map((item) => this.value(item)).join(`${this.ws()},${this.ws()}`)}${this.ws()}]`;
    }
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      if (entries.length === 0) return `{${this.ws()}}`;
      const members = entries.map(([key, item]) => `${this.string(key)}${this.ws()}:${this.ws()}${this.value(item)}`);
      return `{${this.ws()}${members.join(`${this.ws()},${this.ws()}`)}${this.ws()}}`;
    }
    return JSON.stringify(value) ?? 'null';
  }

  call(name: string, args: unknown): string {
    const w = (): string => this.ws();
    // The name is spelled as JSON.stringify writes it (bar `\/`): the one spelling the grammars allow.
    const quoted = this.spelling.escapeSlash === true ? JSON.stringify(name).replaceAll('/', '\\/') : JSON.stringify(name);
    return `{${w()}"name"${w()}:${w()}${quoted}${w()},${w()}"arguments"${w()}:${w()}${this.value(args)}${w()}}`;
  }
}

/** `value` as JSON text in `spelling`. */
export function renderJson(value: unknown, spelling: Spelling): string {
  return new Writer(spelling).value(value);
}

/** A bare JSON call `{"name": …, "arguments": …}` in `spelling`. */
export function renderJsonCall(name: string, args: unknown, spelling: Spelling): string {
  return new Writer(spelling).call(name, args);
}

/** Hermes calls: each `<tool_call>…</tool_call>`, whitespace around and between them. */
export function renderHermesCalls(calls: ReadonlyArray<{ name: string; args: unknown }>, spelling: Spelling): string {
  const writer = new Writer(spelling);
  const blocks = calls.map(({ name, args }) => `<tool_call>${writer.ws()}${writer.call(name, args)}${writer.ws()}</tool_call>`);
  return `${writer.ws()}${blocks.join(writer.ws())}${writer.ws()}`;
}
