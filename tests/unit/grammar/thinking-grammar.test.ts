import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolCallGrammar } from '../../../src/core/grammar';
import { TOOLS } from './support/fixtures';
import { ebnfAcceptor, type Acceptor } from './support/xgrammar';

// The real XGrammar (WASM) matches complete strings against the generated EBNF.

const CALL = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
const QWEN3_THINK = '<think>\nThe user asks about the weather in Paris. I should call get_weather.\n</think>\n\n';

describe('toolCallGrammar with a think block (thinking models)', () => {
  let thinking: Acceptor;
  let thinkingCallsOnly: Acceptor;
  let plain: Acceptor;

  beforeAll(async () => {
    thinking = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'hermes', allowText: true, thinking: true }));
    thinkingCallsOnly = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'hermes', allowText: false, thinking: true }));
    plain = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'hermes', allowText: false }));
  });
  afterAll(() => {
    thinking.dispose();
    thinkingCallsOnly.dispose();
    plain.dispose();
  });

  it('accepts <think>…</think> then a call, and the call alone', () => {
    for (const acceptor of [thinking, thinkingCallsOnly]) {
      expect(acceptor.accepts(QWEN3_THINK + CALL)).toBe(true);
      expect(acceptor.accepts(CALL)).toBe(true);
      expect(acceptor.accepts(`<think></think>${CALL}`)).toBe(true);
      expect(acceptor.accepts(`<think>\n\n</think>\n\n${CALL}`)).toBe(true);
    }
  });

  it('thinking may mention markup, tags and even <tool_call>, but not close itself early', () => {
    const odd = '<think>Use <tool_call> with {"name": …}; compare a < b, </thin, </>.</think>\n';
    expect(thinkingCallsOnly.accepts(odd + CALL)).toBe(true);
    expect(thinkingCallsOnly.accepts(`<think>one</think><think>two</think>${CALL}`)).toBe(false);
  });

  it('accepts think then text when text is allowed', () => {
    expect(thinking.accepts(`${QWEN3_THINK}It is sunny in Paris.`)).toBe(true);
    expect(thinkingCallsOnly.accepts(`${QWEN3_THINK}It is sunny in Paris.`)).toBe(false);
  });

  it('still rejects a broken call after the think block', () => {
    const broken = [
      '<tool_call>\n{"name": "get_wether", "arguments": {"city": "Paris"}}\n</tool_call>',
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": 42}}\n</tool_call>',
      '<tool_call>\n{"name": "get_weather", "arguments": {}}\n</tool_call>',
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}\n</tool_call>',
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}',
    ];
    for (const call of broken) {
      expect(thinking.accepts(QWEN3_THINK + call), call).toBe(false);
      expect(thinkingCallsOnly.accepts(QWEN3_THINK + call), call).toBe(false);
    }
  });

  it('rejects an unclosed think block, and text or a call before it', () => {
    expect(thinkingCallsOnly.accepts(`<think>never closed ${CALL}`)).toBe(false);
    expect(thinking.accepts(`${CALL}${QWEN3_THINK}`)).toBe(false);
  });

  it('without the option a think block before a call is refused, as before', () => {
    expect(plain.accepts(QWEN3_THINK + CALL)).toBe(false);
    expect(plain.accepts(CALL)).toBe(true);
  });
  it("'open': the output starts inside the block the prompt opened, and must close it before the answer", async () => {
    const open = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'hermes', allowText: true, thinking: 'open' }));
    try {
      const thought = QWEN3_THINK.slice('<think>'.length);
      expect(open.accepts(thought + CALL)).toBe(true);
      expect(open.accepts(`${thought}It is sunny.`)).toBe(true);
      expect(open.accepts(CALL)).toBe(false);
      expect(open.accepts('still thinking')).toBe(false);
    } finally {
      open.dispose();
    }
  });
});

describe('toolCallGrammar for a thinking model with thinking off', () => {
  it('allows no think block, before a call or anywhere in the text; a model that does not think may write the tag', async () => {
    const off = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'hermes', allowText: true, thinking: false }));
    const other = await ebnfAcceptor(toolCallGrammar(TOOLS, { format: 'hermes', allowText: true }));
    try {
      expect(off.accepts(CALL)).toBe(true);
      expect(off.accepts('Paris is sunny; a < b and <thin> are fine.')).toBe(true);
      expect(off.accepts(QWEN3_THINK + CALL)).toBe(false);
      expect(off.accepts(`${QWEN3_THINK}Sunny.`)).toBe(false);
      expect(off.accepts('Sunny. <think>aside</think>')).toBe(false);
      expect(other.accepts('Sunny. <think>aside</think>')).toBe(true);
      expect(other.accepts(`${QWEN3_THINK}Sunny.`)).toBe(true);
    } finally {
      off.dispose();
      other.dispose();
    }
  });
});
