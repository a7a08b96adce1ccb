/**
 * Which grammar the engine builds for a request on the model's own template path, checked with the
 * real XGrammar: Hermes and Llama 3 families, `toolChoice` and the request's own `responseFormat`
 * respected, and the think block allowed, forbidden or already opened as thinking says.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { nativeToolGrammar } from '../../../src/llm/transformers/grammar';
import { LLAMA3_CALL_OPENERS } from '../../../src/core/grammar';
import { createToolCallSplitter } from '../../../src/llm/transformers/tool-call-stream';
import { compileSchema } from '../../../src/tools/json-schema';
import type { ChatRequest } from '../../../src/core/types';
import { GRAMMAR_TOOLS } from '../../support/grammar-samples';
import { ebnfAcceptor, type Acceptor } from '../grammar/support/xgrammar';

const WEATHER = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
const ALARM = '<tool_call>\n{"name": "set_alarm", "arguments": {"hour": 7}}\n</tool_call>';
const THOUGHT = 'The user wants the weather. I call get_weather.\n</think>\n\n';
const hermes = { format: 'hermes', thinks: false } as const;
const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({ messages: [{ role: 'user', content: 'hi' }], tools: GRAMMAR_TOOLS, ...extra });

const opened: Acceptor[] = [];
async function acceptorFor(grammar: string | undefined): Promise<Acceptor> {
  if (grammar === undefined) throw new Error('expected a grammar');
  const acceptor = await ebnfAcceptor(grammar);
  opened.push(acceptor);
  return acceptor;
}
afterEach(() => {
  for (const acceptor of opened.splice(0)) acceptor.dispose();
});

describe('nativeToolGrammar', () => {
  it('Hermes with tools: text or well-formed calls to the offered tools', async () => {
    const grammar = await acceptorFor(nativeToolGrammar(hermes, request({ toolChoice: 'auto' })));
    expect(grammar.accepts(WEATHER)).toBe(true);
    expect(grammar.accepts(`${WEATHER}\n${ALARM}`)).toBe(true);
    expect(grammar.accepts('It is sunny.')).toBe(true);
    expect(grammar.accepts('<tool_call>\n{"name": "get_weather", "arguments": {}}\n</tool_call>')).toBe(false);
    expect(grammar.accepts('<tool_call>\n{"name": "delete_all", "arguments": {}}\n</tool_call>')).toBe(false);
  });

  it('no grammar where the family has none, no tools are offered, toolChoice is none, or the request brings its own', () => {
    expect(nativeToolGrammar({ format: 'pythonic', thinks: false }, request())).toBeUndefined();
    expect(nativeToolGrammar({ format: 'mistral', thinks: false }, request())).toBeUndefined();
    expect(nativeToolGrammar(hermes, request({ tools: [] }))).toBeUndefined();
    expect(nativeToolGrammar(hermes, request({ toolChoice: 'none' }))).toBeUndefined();
    expect(nativeToolGrammar(hermes, request({ toolChoice: { name: 'not_offered' } }))).toBeUndefined();
    expect(nativeToolGrammar(hermes, request({ responseFormat: { type: 'json-schema', schema: { type: 'object' } } }))).toBeUndefined();
  });

  it('toolChoice required: a call, never text; a named tool: only that one', async () => {
    const required = await acceptorFor(nativeToolGrammar(hermes, request({ toolChoice: 'required' })));
    expect(required.accepts(WEATHER)).toBe(true);
    expect(required.accepts('It is sunny.')).toBe(false);
    const named = await acceptorFor(nativeToolGrammar(hermes, request({ toolChoice: { name: 'set_alarm' } })));
    expect(named.accepts(ALARM)).toBe(true);
    expect(named.accepts(WEATHER)).toBe(false);
    expect(named.accepts('It is sunny.')).toBe(false);
  });

  it('thinking: one optional block when on, or unset on a template that thinks; none when off', async () => {
    const thinkFirst = `<think>\n${THOUGHT}${WEATHER}`;
    const unset = await acceptorFor(nativeToolGrammar({ format: 'hermes', thinks: true }, request()));
    expect(unset.accepts(thinkFirst)).toBe(true);
    expect(unset.accepts(WEATHER)).toBe(true);
    const on = await acceptorFor(nativeToolGrammar(hermes, request({ thinking: true })));
    expect(on.accepts(thinkFirst)).toBe(true);
    const off = await acceptorFor(nativeToolGrammar({ format: 'hermes', thinks: true }, request({ thinking: false })));
    expect(off.accepts(WEATHER)).toBe(true);
    expect(off.accepts(thinkFirst)).toBe(false);
    const plain = await acceptorFor(nativeToolGrammar(hermes, request()));
    expect(plain.accepts(thinkFirst)).toBe(false);
  });

  it('a prompt that opened <think>: the answer continues the thought, must close it, then calls or answers', async () => {
    const inside = await acceptorFor(nativeToolGrammar({ format: 'hermes', thinks: true }, request({ thinking: true }), true));
    expect(inside.accepts(THOUGHT + WEATHER)).toBe(true);
    expect(inside.accepts(`${THOUGHT}It is sunny.`)).toBe(true);
    expect(inside.accepts('</think>\n\nIt is sunny.')).toBe(true);
    // Not closed: an unfinished thought may not end the answer, and no call comes before the close.
    expect(inside.accepts('Still thinking')).toBe(false);
    expect(inside.accepts(WEATHER)).toBe(false);
  });

  describe('Llama 3 (its own {"name", "parameters"} form)', () => {
    const llama = { format: 'llama3-json', thinks: false } as const;
    const L_WEATHER = '{"name": "get_weather", "parameters": {"city": "Paris"}}';
    const L_ALARM = '{"name": "set_alarm", "parameters": {"hour": 7}}';

    it('text, or calls in the form the template asks for, several joined by ";"', async () => {
      const grammar = await acceptorFor(nativeToolGrammar(llama, request()));
      expect(grammar.accepts(L_WEATHER)).toBe(true);
      expect(grammar.accepts(`${L_WEATHER}; ${L_ALARM}`)).toBe(true);
      expect(grammar.accepts('It is sunny. Use {city} in a template, or { "name" } spaced.')).toBe(true);
      // The Hermes key, a blank before the call (streamed as text of its own), an unknown tool, a bad argument.
      expect(grammar.accepts('{"name": "get_weather", "arguments": {"city": "Paris"}}')).toBe(false);
      expect(grammar.accepts(` ${L_WEATHER}`)).toBe(false);
      expect(grammar.accepts('{"name": "delete_all", "parameters": {}}')).toBe(false);
      expect(grammar.accepts('{"name": "set_alarm", "parameters": {"hour": "seven"}}')).toBe(false);
      // Text may not hold what opens a call: the splitter would read it as one.
      for (const opener of LLAMA3_CALL_OPENERS) expect(grammar.accepts(`See ${opener} here`), opener).toBe(false);
    });

    it('whatever it accepts, the Llama 3 splitter reads as all text or all calls to offered tools with valid arguments', async () => {
      const grammar = await acceptorFor(nativeToolGrammar(llama, request()));
      const pieces = fc.constantFrom(L_WEATHER, L_ALARM, '; ', ';', ' ', '\n', 'It is', '{', '}', '"name"', '{"na', '{"type": "func', '<|python', '_tag|>', '<|', 'a < b', '"parameters"', ': ');
      let calls = 0;
      let texts = 0;
      fc.assert(
        fc.property(fc.array(pieces, { maxLength: 6 }).map((list) => list.join('')), (output) => {
          if (!grammar.accepts(output)) return;
          const splitter = createToolCallSplitter('llama3-json', LLAMA3_CALL_OPENERS);
          const streamed = splitter.push(output);
          const end = splitter.finish();
          if (end.calls.length === 0) {
            texts += 1;
            expect(streamed + end.text, 'text comes through whole').toBe(output);
            return;
          }
          calls += 1;
          expect(`${streamed}${end.text}`.trim(), JSON.stringify(output)).toBe('');
          for (const call of end.calls) {
            const tool = GRAMMAR_TOOLS.find((candidate) => candidate.name === call.name);
            const compiled = tool && compileSchema(tool.parameters);
            expect(compiled && compiled.ok && compiled.validate(call.arguments), JSON.stringify(output)).toBe(true);
          }
        }),
        { numRuns: 2_000 },
      );
      // The property saw both kinds.
      expect(calls).toBeGreaterThan(10);
      expect(texts).toBeGreaterThan(10);
    });
  });
});
