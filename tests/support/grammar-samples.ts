/**
 * Shared by the grammar tests and the grammar bench: three tools, the request the agent sends for
 * them in the Hermes format (with or without its grammar), and the judge of one output.
 */
import { getFormat } from '../../src/core/formats';
import { HERMES_OPEN, toolCallGrammar } from '../../src/core/grammar';
import type { ChatRequest, ToolDefinition } from '../../src/core/types';
import { compileSchema } from '../../src/tools/json-schema';

/** Three tools whose schemas use only keywords the grammar enforces (so a valid call is schema-valid). */
export const GRAMMAR_TOOLS: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    },
  },
  {
    name: 'add',
    description: 'Adds two numbers',
    parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
  },
  {
    name: 'set_alarm',
    description: 'Sets an alarm',
    parameters: {
      type: 'object',
      properties: { hour: { type: 'integer' }, enabled: { type: 'boolean' }, days: { type: 'array', items: { type: 'string', enum: ['mon', 'tue'] } } },
      required: ['hour'],
    },
  },
];

const hermes = getFormat('hermes');

/**
 * The request the agent loop sends an engine that constrains decoding (run-agent's
 * `constrainedFormat`): Hermes stop strings and, with `grammar`, the tool-call grammar that admits
 * text or well-formed calls to these tools. The system text only names the tools: the fixture's
 * weights are random, so the full tool listing (~900 of its byte-sized tokens) would change
 * nothing but the time per sample and the room left in its 1,024-token window.
 */
export function toolRequest(options: { grammar: boolean; maxTokens: number; userText?: string; tools?: ToolDefinition[] }): ChatRequest {
  const tools = options.tools ?? GRAMMAR_TOOLS;
  const request: ChatRequest = {
    messages: [
      { role: 'system', content: `Tools: ${tools.map((tool) => tool.name).join(', ')}. Call them in <tool_call> tags.` },
      { role: 'user', content: options.userText ?? 'What is the weather in Paris, and set an alarm at 7.' },
    ],
    temperature: 1,
    maxTokens: options.maxTokens,
    stop: [...hermes.stopSequences],
  };
  if (options.grammar) request.responseFormat = { type: 'grammar', grammar: toolCallGrammar(tools, { format: 'hermes', allowText: true }) };
  return request;
}

/** What one output is: plain text, well-formed calls, or something broken (and why). */
export type Verdict = { kind: 'text' } | { kind: 'calls'; names: string[] } | { kind: 'broken'; reason: string };

/**
 * Judges a whole output strictly: text with no call markup, or calls (nothing repaired, nothing
 * unfinished) each to an offered tool with arguments valid against its schema.
 */
export function judgeOutput(text: string, tools: readonly ToolDefinition[] = GRAMMAR_TOOLS): Verdict {
  const parsed = hermes.parse(text, { tools });
  const problem = parsed.problems[0];
  if (problem !== undefined) return { kind: 'broken', reason: `${problem.kind}: ${problem.message}` };
  if (parsed.calls.length === 0) return { kind: 'text' };
  for (const call of parsed.calls) {
    const tool = tools.find((candidate) => candidate.name === call.name);
    if (tool === undefined) return { kind: 'broken', reason: `unknown tool ${call.name}` };
    const compiled = compileSchema(tool.parameters);
    if (!compiled.ok) throw new Error(`test tool ${tool.name} has a broken schema`);
    if (!compiled.validate(call.arguments)) return { kind: 'broken', reason: `arguments of ${call.name}: ${JSON.stringify(compiled.validate.errors)}` };
  }
  return { kind: 'calls', names: parsed.calls.map((call) => call.name) };
}

/**
 * Judges a whole answer of the text path: an answer cut at the token limit (`finishReason:
 * 'length'`) may end in an unfinished call (the engine does not invent its end), so it is judged
 * up to that call's opener.
 */
export function judgeTextAnswer(answer: { text: string; finishReason?: string }, tools: readonly ToolDefinition[] = GRAMMAR_TOOLS): Verdict {
  const cutAt = answer.finishReason === 'length' ? answer.text.lastIndexOf(HERMES_OPEN) : -1;
  return judgeOutput(cutAt === -1 ? answer.text : answer.text.slice(0, cutAt), tools);
}

/**
 * The request the agent sends on the model's own template path (`preferNativeTools`): the tools
 * themselves, for the template to render, and no grammar (the engine builds it). No stop strings.
 */
export function nativeToolRequest(options: { maxTokens: number; thinking?: boolean; tools?: ToolDefinition[] }): ChatRequest {
  const tools = options.tools ?? GRAMMAR_TOOLS;
  const request: ChatRequest = {
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'What is the weather in Paris, and set an alarm at 7.' },
    ],
    tools,
    toolChoice: 'auto',
    temperature: 1,
    maxTokens: options.maxTokens,
  };
  if (options.thinking !== undefined) request.thinking = options.thinking;
  return request;
}

/**
 * Judges an answer of the template path, where the engine has already split text from calls:
 * the text holds no call opener (the splitter hands unreadable calls back as text), and every
 * call names an offered tool with arguments valid against its schema. An answer cut at the token
 * limit (`finishReason: 'length'`) may end in its unfinished call, which the engine leaves as text.
 * `openers`: what opens a call in the family's output (Hermes by default).
 */
export function judgeNativeAnswer(
  answer: { text: string; toolCalls: readonly { name: string; arguments: string }[]; finishReason?: string },
  tools: readonly ToolDefinition[] = GRAMMAR_TOOLS,
  openers: readonly string[] = [HERMES_OPEN],
): Verdict {
  const cutAt = answer.finishReason === 'length' ? Math.max(...openers.map((opener) => answer.text.lastIndexOf(opener))) : -1;
  const text = cutAt === -1 ? answer.text : answer.text.slice(0, cutAt);
  const left = openers.find((opener) => text.includes(opener));
  if (left !== undefined) return { kind: 'broken', reason: `${left} left in the text: a call was not read` };
  for (const call of answer.toolCalls) {
    const tool = tools.find((candidate) => candidate.name === call.name);
    if (tool === undefined) return { kind: 'broken', reason: `unknown tool ${call.name}` };
    const compiled = compileSchema(tool.parameters);
    if (!compiled.ok) throw new Error(`test tool ${tool.name} has a broken schema`);
    let args: unknown;
    try {
      args = JSON.parse(call.arguments);
    } catch {
      return { kind: 'broken', reason: `arguments of ${call.name} are not JSON: ${call.arguments}` };
    }
    if (!compiled.validate(args)) return { kind: 'broken', reason: `arguments of ${call.name}: ${JSON.stringify(compiled.validate.errors)}` };
  }
  return answer.toolCalls.length === 0 ? { kind: 'text' } : { kind: 'calls', names: answer.toolCalls.map((call) => call.name) };
}
