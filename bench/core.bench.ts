import { buildPrompt, DEFAULT_SYSTEM_PROMPT } from '../src/core/agent/prompt';
import { parseToolCalls, getFormat } from '../src/core/formats';
import type { ChatMessage, ToolDefinition } from '../src/core/types';
import { measure, ratio } from './measure';

/**
 * Per-step work of the agent core (parse a model answer, assemble the next prompt) against
 * baselines of the same size: JSON.parse of the call's JSON, and structuredClone of the transcript.
 * Both must stay far below one token's decode time (~10–50 ms in browsers).
 */
export function runCoreBench(): Record<string, unknown> {
  const tools: ToolDefinition[] = Array.from({ length: 8 }, (_, index) => ({
    name: `tool_${index}`,
    description: `Tool number ${index}, which does something useful with its arguments.`,
    parameters: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer' } }, required: ['query'] },
  }));
  const args = { query: 'x'.repeat(1500), limit: 5 };
  const answer = `I will look that up.\n<tool_call>\n${JSON.stringify({ name: 'tool_1', arguments: args })}\n</tool_call>`;
  const argumentsJson = JSON.stringify(args);

  const transcript: ChatMessage[] = [];
  for (let turn = 0; turn < 25; turn += 1) {
    transcript.push({ role: 'user', content: `Question ${turn}: ${'words '.repeat(40)}` });
    transcript.push({ role: 'assistant', content: '', toolCalls: [{ id: `c${turn}`, name: 'tool_1', arguments: { query: 'q', limit: 3 } }] });
    transcript.push({ role: 'tool', toolCallId: `c${turn}`, name: 'tool_1', content: JSON.stringify({ items: ['a', 'b', 'c'] }) });
    transcript.push({ role: 'assistant', content: `Answer ${turn}: ${'text '.repeat(60)}` });
  }
  const hermes = getFormat('hermes');

  const parseBaseline = measure('JSON.parse of the arguments', () => JSON.parse(argumentsJson));
  const parseAuto = measure('parseToolCalls auto (2 KB Hermes answer)', () => parseToolCalls(answer, { format: 'auto', tools }));
  const promptBaseline = measure('structuredClone of a 100-message transcript', () => structuredClone(transcript));
  const promptNative = measure('buildPrompt native (100 messages)', () =>
    buildPrompt({ systemPrompt: DEFAULT_SYSTEM_PROMPT, transcript, tools, format: null }),
  );
  const promptHermes = measure('buildPrompt hermes (100 messages, 8 tools)', () =>
    buildPrompt({ systemPrompt: DEFAULT_SYSTEM_PROMPT, transcript, tools, format: hermes }),
  );
  return {
    description: 'Per-step core work as ratios against same-size baselines in the same process',
    measurements: [parseBaseline, parseAuto, promptBaseline, promptNative, promptHermes],
    ratios: {
      parseAutoVsJsonParse: ratio(parseAuto, parseBaseline),
      buildPromptNativeVsStructuredClone: ratio(promptNative, promptBaseline),
      buildPromptHermesVsStructuredClone: ratio(promptHermes, promptBaseline),
    },
  };
}
