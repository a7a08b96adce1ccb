import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectChat, createOpenAICompatibleEngine, type ChatChunk } from '../../../src/llm';
import { scriptedFetch, splitBytes, sseResponse } from '../../support/fake-fetch';
import { streamPayloads, type ReplyContext, type TextReply, type ToolCallsReply } from '../../support/openai-replies';
import { question } from './helpers';

const context: ReplyContext = {
  requestIndex: 0,
  model: 'm',
  includeUsage: true,
  promptText: 'Hi there',
  textChunkChars: 3,
  argumentChunkChars: 2,
};

/** An SSE body as a server records it, with the framing variety real servers use. */
function recordedBody(reply: TextReply | ToolCallsReply): Uint8Array {
  const events = streamPayloads(reply, context).map((payload, index) =>
    // Alternate LF and CRLF framing, and sprinkle comments and keep-alives between events.
    index % 3 === 0 ? `: keep-alive\r\ndata: ${payload}\r\n\r\n` : `data: ${payload}\n\n`,
  );
  return new TextEncoder().encode(events.join(''));
}

async function chunksFrom(pieces: Uint8Array[]): Promise<ChatChunk[]> {
  const engine = createOpenAICompatibleEngine({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', fetch: scriptedFetch([() => sseResponse(pieces)]) });
  const chunks: ChatChunk[] = [];
  for await (const chunk of engine.chat(question)) chunks.push(chunk);
  return chunks;
}

const offsets = (length: number) => fc.array(fc.integer({ min: 0, max: length }), { minLength: 1, maxLength: 80 });

describe('SSE split anywhere', () => {
  const reply: ToolCallsReply = {
    kind: 'tool-calls',
    content: 'Grüße, 世界! 🎉 Let me compute ∑ for you — "quoted" and \\ backslashed.',
    calls: [
      { name: 'calculator', arguments: { expression: '240 * 12.5 / 100', note: 'ünïcödé ✓' } },
      { name: 'search', arguments: { query: '🎉 emoji query', nested: { list: [1, 2, 3] } } },
    ],
  };
  const body = recordedBody(reply);

  it('a recorded stream split at random byte offsets gives the same chunks as unsplit', async () => {
    const whole = await chunksFrom([body]);
    expect(whole.length).toBeGreaterThan(40);
    await fc.assert(
      fc.asyncProperty(offsets(body.length), async (cuts) => {
        expect(await chunksFrom(splitBytes(body, cuts))).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('one byte per read gives the same chunks as unsplit', async () => {
    const whole = await chunksFrom([body]);
    const bytes = Array.from({ length: body.length }, (_, index) => body.slice(index, index + 1));
    expect(await chunksFrom(bytes)).toEqual(whole);
  });

  it('any text and tool arguments survive any split', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.integer(), fc.boolean()), { maxKeys: 4 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (text, args, rawCuts) => {
          const bodyBytes = recordedBody({ kind: 'tool-calls', content: text, calls: [{ name: 'tool', arguments: args }] });
          const cuts = rawCuts.map((cut) => cut % (bodyBytes.length + 1));
          const engine = createOpenAICompatibleEngine({
            baseUrl: 'http://127.0.0.1:9/v1',
            model: 'm',
            fetch: scriptedFetch([() => sseResponse(splitBytes(bodyBytes, cuts))]),
          });
          const result = await collectChat(engine.chat(question));
          expect(result.text).toBe(text);
          expect(result.toolCalls).toHaveLength(1);
          expect(JSON.parse(result.toolCalls[0]?.arguments ?? 'null')).toEqual(JSON.parse(JSON.stringify(args)));
          expect(result.finishReason).toBe('tool-calls');
          expect(result.usage).toBeDefined();
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});
