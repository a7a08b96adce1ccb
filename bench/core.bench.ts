import { visibleText } from '../src/core/agent/extract-calls';
import { buildPrompt, DEFAULT_SYSTEM_PROMPT } from '../src/core/agent/prompt';
import { createVisibleStream } from '../src/core/agent/visible-stream';
import { parseToolCalls, getFormat } from '../src/core/formats';
import type { ToolCallFormat } from '../src/core/formats/types';
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
  const streaming = streamingBench(hermes);
  return {
    description: 'Per-step core work as ratios against same-size baselines in the same process',
    measurements: [parseBaseline, parseAuto, promptBaseline, promptNative, promptHermes],
    streaming,
    ratios: {
      displayPerTokenCost16kVs2k: streaming.per_token_cost_ratio_16k_vs_2k,
      displayPerTokenCost16kVs2kReparse: streaming.reparse_per_token_cost_ratio_16k_vs_2k,
      parseAutoVsJsonParse: ratio(parseAuto, parseBaseline),
      buildPromptNativeVsStructuredClone: ratio(promptNative, promptBaseline),
      buildPromptHermesVsStructuredClone: ratio(promptHermes, promptBaseline),
    },
  };
}

/** Tokens of a Hermes answer: prose words, a line break every 12 tokens, then one call. */
function hermesTokens(count: number): string[] {
  const tokens: string[] = [];
  for (let index = 0; tokens.length < count - 12; index += 1) tokens.push(index % 12 === 11 ? ' word.\n' : ' word');
  tokens.push('<tool_call>', '\n{"name": ', '"tool_1", ', '"arguments": ', '{"query": ', '"q"', '}}', '\n</tool', '_call>');
  return tokens;
}

function bestOf(runs: number, operation: () => void): number {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    operation();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Display-text work per streamed token (one token per delta) at 2,000 and 16,000 tokens: the
 * incremental stream the agent uses, and re-parsing the whole answer at each delta (before issue
 * 12). A constant per-token cost gives a 16k/2k ratio of 1.
 */
function streamingBench(format: ToolCallFormat): Record<string, number> {
  const perToken = (count: number, incremental: boolean): number => {
    const tokens = hermesTokens(count);
    const ms = bestOf(incremental || count <= 2_000 ? 5 : 2, () => {
      if (incremental) {
        const stream = createVisibleStream(format);
        for (const token of tokens) stream.push(token);
      } else {
        let raw = '';
        for (const token of tokens) {
          raw += token;
          visibleText(raw, format);
        }
      }
    });
    return ms / tokens.length;
  };
  const round = (value: number): number => Number(value.toPrecision(3));
  const per2k = perToken(2_000, true);
  const per16k = perToken(16_000, true);
  const reparse2k = perToken(2_000, false);
  const reparse16k = perToken(16_000, false);
  return {
    per_token_ms_2k: round(per2k),
    per_token_ms_16k: round(per16k),
    per_token_cost_ratio_16k_vs_2k: round(per16k / per2k),
    reparse_per_token_ms_2k: round(reparse2k),
    reparse_per_token_ms_16k: round(reparse16k),
    reparse_per_token_cost_ratio_16k_vs_2k: round(reparse16k / reparse2k),
  };
}
