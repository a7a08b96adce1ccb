import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/core/types';
import {
  buildDataset,
  conversationsToDialogues,
  generateDialogues,
  isSecretKey,
  renderWeightedTurn,
  stripSecrets,
  toOpenAIRecord,
  toShareGPTRecord,
  type OpenAIRecord,
  type ShareGPTRecord,
  type StoredConversation,
} from '../../../src/data';
import { builtinManifests } from '../../../src/tools/builtins';
import { toDefinition } from '../../../src/tools/manifest';
import { ArgumentValidator } from '../../../src/tools/validator';

const tools = builtinManifests.map(toDefinition);
const { dialogues } = generateDialogues(builtinManifests, { count: 60, seed: 11 });

function conversation(optIn: boolean, text: string, args: Record<string, unknown> = { expression: '1 + 1' }): StoredConversation {
  const messages: ChatMessage[] = [
    { role: 'user', content: text },
    { role: 'assistant', content: 'Let me compute.', toolCalls: [{ id: 'c1', name: 'calculator', arguments: args }] },
    { role: 'tool', toolCallId: 'c1', name: 'calculator', content: '2' },
    { role: 'assistant', content: 'It is 2.' },
  ];
  return { optIn, messages };
}

describe('Weighted-LM spans', () => {
  it('point exactly at each call JSON and carry the multiplier there', () => {
    const calls = [
      { name: 'calculator', arguments: { expression: '2 * 3' } },
      { name: 'unit_convert', arguments: { value: 5, from: 'km', to: 'mi' } },
      { name: 'calculator', arguments: { expression: '2 * 3' } },
    ];
    const turn = renderWeightedTurn('Working on it.', calls, 'hermes', 2.5);
    const callSpans = turn.spans.filter((span) => span.kind === 'call');
    expect(callSpans).toHaveLength(3);
    callSpans.forEach((span, index) => {
      expect(JSON.parse(turn.text.slice(span.start, span.end))).toEqual(calls[index]);
      expect(span.weight).toBe(2.5);
    });
    expect(turn.spans.filter((span) => span.kind === 'text').every((span) => span.weight === 1)).toBe(true);
    // The spans tile the text: no gap, no overlap.
    expect(turn.spans[0]?.start).toBe(0);
    expect(turn.spans.at(-1)?.end).toBe(turn.text.length);
    turn.spans.slice(1).forEach((span, index) => expect(span.start).toBe(turn.spans[index]?.end));
  });

  it('count offsets in code points, as Python and tokenizer offset mappings do', () => {
    const call = { name: 'calculator', arguments: { expression: '1 + 1 🍎' } };
    const turn = renderWeightedTurn('Sure 😀, computing.', [call], 'hermes');
    const span = turn.spans.find((entry) => entry.kind === 'call');
    const points = Array.from(turn.text);
    expect(JSON.parse(points.slice(span?.start, span?.end).join(''))).toEqual(call);
    expect(turn.spans.at(-1)?.end).toBe(points.length);
  });

  it('cover the whole call block in formats without a JSON body', () => {
    const turn = renderWeightedTurn('', [{ name: 'calculator', arguments: { expression: '1' } }], 'pythonic');
    const call = turn.spans.find((span) => span.kind === 'call');
    expect(call).toBeDefined();
    expect(turn.text.slice(call?.start, call?.end)).toContain('calculator');
  });

  it('mark every call in exported OpenAI lines', () => {
    for (const dialogue of dialogues) {
      const record = toOpenAIRecord(dialogue, { multiplier: 3 });
      for (const message of record.messages.filter((entry) => entry.role === 'assistant')) {
        const rendered = message.rendered ?? '';
        const callSpans = (message.spans ?? []).filter((span) => span.kind === 'call');
        expect(callSpans).toHaveLength(message.tool_calls?.length ?? 0);
        callSpans.forEach((span, index) => {
          const parsed = JSON.parse(rendered.slice(span.start, span.end)) as { name: string; arguments: unknown };
          const call = message.tool_calls?.[index];
          expect(parsed.name).toBe(call?.function.name);
          expect(parsed.arguments).toEqual(JSON.parse(call?.function.arguments ?? 'null'));
          expect(span.weight).toBe(3);
        });
      }
    }
  });
});

describe('OpenAI chat fine-tuning lines', () => {
  const multi = dialogues.find((d) => d.kind === 'multi');

  it('use the messages/tools shape with weight 1 on assistant messages only', () => {
    const record: OpenAIRecord = toOpenAIRecord(multi ?? dialogues[0]!);
    expect(Object.keys(record)).toEqual(['messages', 'tools']);
    expect(record.tools.every((tool) => tool.type === 'function' && typeof tool.function.name === 'string')).toBe(true);
    for (const message of record.messages) {
      if (message.role === 'assistant') expect(message.weight).toBe(1);
      else expect(message.weight).toBeUndefined();
    }
    const calling = record.messages.filter((message) => message.tool_calls);
    expect(calling.length).toBeGreaterThanOrEqual(2);
    for (const message of calling) {
      expect(message.content).toBeUndefined();
      const call = message.tool_calls?.[0];
      expect(call?.type).toBe('function');
      const reply = record.messages[record.messages.indexOf(message) + 1];
      expect(reply).toMatchObject({ role: 'tool', tool_call_id: call?.id });
    }
  });

  it('every exported call validates against its schema', async () => {
    const dataset = await buildDataset({ manifests: builtinManifests, count: 80, seed: 12, testRatio: 0.2 });
    const validator = new ArgumentValidator();
    const lines = `${dataset.train}${dataset.test}`.trim().split('\n');
    expect(lines).toHaveLength(80);
    // One schema object per tool, so the validator compiles each schema once.
    const schemas = new Map(builtinManifests.map((manifest) => [manifest.name, manifest.parameters]));
    for (const line of lines) {
      const record = JSON.parse(line) as OpenAIRecord;
      for (const tool of record.tools) expect(tool.function.parameters).toEqual(schemas.get(tool.function.name));
      for (const call of record.messages.flatMap((message) => message.tool_calls ?? [])) {
        const outcome = validator.validate(call.function.name, schemas.get(call.function.name) ?? {}, JSON.parse(call.function.arguments));
        expect(outcome).toEqual({ ok: true });
      }
    }
  });

  it('can leave the span extension out', () => {
    const record = toOpenAIRecord(dialogues[0]!, { includeSpans: false });
    expect(record.messages.some((message) => 'spans' in message || 'rendered' in message)).toBe(false);
  });
});

describe('ShareGPT lines', () => {
  it('use LLaMA-Factory roles, alternate, and carry tools as a JSON string', () => {
    for (const dialogue of dialogues) {
      const record = toShareGPTRecord(dialogue) as ShareGPTRecord;
      expect(Object.keys(record)).toEqual(['conversations', 'tools']);
      expect(JSON.parse(record.tools)).toEqual(dialogue.tools);
      const [system, ...turns] = record.conversations;
      expect(system?.from).toBe('system');
      turns.forEach((turn, index) => {
        expect(index % 2 === 0 ? ['human', 'observation'] : ['gpt', 'function_call']).toContain(turn.from);
      });
      expect(turns.at(-1)?.from).toBe('gpt');
      for (const turn of turns.filter((entry) => entry.from === 'function_call')) {
        const call = JSON.parse(turn.value) as { name: string; arguments: Record<string, unknown> };
        expect(typeof call.name).toBe('string');
        expect(typeof call.arguments).toBe('object');
      }
    }
  });

  it('joins parallel results into one observation and drops a trailing prompt', () => {
    const [stored] = conversationsToDialogues(
      [
        {
          optIn: true,
          messages: [
            { role: 'user', content: 'Two sums please' },
            {
              role: 'assistant',
              content: '',
              toolCalls: [
                { id: 'a', name: 'calculator', arguments: { expression: '1+1' } },
                { id: 'b', name: 'calculator', arguments: { expression: '2+2' } },
              ],
            },
            { role: 'tool', toolCallId: 'a', name: 'calculator', content: '2' },
            { role: 'tool', toolCallId: 'b', name: 'calculator', content: '4' },
            { role: 'assistant', content: '2 and 4' },
            { role: 'user', content: 'thanks' },
          ],
        },
      ],
      tools,
    ).dialogues;
    const record = toShareGPTRecord(stored!) as ShareGPTRecord;
    expect(record.conversations.map((turn) => turn.from)).toEqual(['human', 'function_call', 'observation', 'gpt']);
    expect(JSON.parse(record.conversations[1]?.value ?? '')).toHaveLength(2);
    expect(JSON.parse(record.conversations[2]?.value ?? '')).toEqual(['2', '4']);
  });
});

describe('stored conversations', () => {
  it('exports only opted-in conversations', async () => {
    const conversations = [conversation(true, 'What is one plus one?'), conversation(false, 'PRIVATE do not train')];
    const dataset = await buildDataset({ manifests: builtinManifests, count: 0, conversations, testRatio: 0 });
    expect(dataset.summary.conversations).toEqual({ optedIn: 1, notOptedIn: 1, empty: 0 });
    expect(dataset.train).toContain('What is one plus one?');
    expect(`${dataset.train}${dataset.test}`).not.toContain('PRIVATE');
    expect(dataset.summary.splits.train.byKind.conversation).toBe(1);
  });

  it('treats a missing or non-true flag as no consent', () => {
    const sneaky = { ...conversation(true, 'x'), optIn: 'yes' } as unknown as StoredConversation;
    expect(conversationsToDialogues([sneaky], tools).dialogues).toHaveLength(0);
  });

  it('drops conversations with invalid or unknown calls', () => {
    const bad = conversation(true, 'bad', { expression: 42 });
    const unknown: StoredConversation = {
      optIn: true,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'x', name: 'nope', arguments: {} }] },
      ],
    };
    const result = conversationsToDialogues([bad, unknown, conversation(true, 'good')], tools);
    expect(result.dialogues).toHaveLength(1);
    expect(result.stats.invalidDropped).toBe(2);
  });

  it('strips secret-named arguments before export', () => {
    const secretTool = {
      name: 'search',
      description: 'Searches.',
      parameters: { type: 'object', properties: { q: { type: 'string' }, max_tokens: { type: 'number' } } },
    };
    const stored: StoredConversation = {
      optIn: true,
      tools: [secretTool],
      messages: [
        { role: 'user', content: 'find cats' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 's', name: 'search', arguments: { q: 'cats', apiKey: 'sk-123', max_tokens: 5, headers: { Authorization: 'Bearer x' } } }],
        },
        { role: 'assistant', content: 'done' },
      ],
    };
    const { dialogues: converted, stats } = conversationsToDialogues([stored], tools);
    expect(stats.secretsRemoved).toBe(2);
    const openai = JSON.stringify(toOpenAIRecord(converted[0]!));
    const sharegpt = JSON.stringify(toShareGPTRecord(converted[0]!));
    for (const text of [openai, sharegpt]) {
      expect(text).not.toContain('sk-123');
      expect(text).not.toContain('Bearer');
      expect(text).toContain('max_tokens');
    }
  });

  it('recognises credential-like names and keeps ordinary ones', () => {
    for (const key of ['apiKey', 'api_key', 'API-KEY', 'authorization', 'access_token', 'client_secret', 'password', 'privateKey']) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['max_tokens', 'author', 'keyword', 'key', 'tokenizer', 'expression']) expect(isSecretKey(key), key).toBe(false);
    expect(stripSecrets({ list: [{ token: 'x', ok: 1 }] })).toEqual({ list: [{ ok: 1 }] });
  });
});
