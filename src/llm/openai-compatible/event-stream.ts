/**
 * Reads an OpenAI server-sent event stream into ChatChunks. SSE framing is left to
 * eventsource-parser (events may be split at any byte); this module only decides what each
 * event means and when the answer is complete.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ChatChunk } from '../../core/types';
import { abortedError, TabagentError } from '../../core/errors';
import { raceAbort, throwIfAborted } from '../../core/abort';
import { createChunkMapper, type ChunkMapper } from './chunk-mapper';
import { errorFromPayload, type ErrorContext } from './http-errors';
import { isRecord, tryParseJson } from './json-value';
import { badJsonError, incompleteStreamError } from './stream-errors';

/**
 * Yields the chunks of one streamed answer, usage and finish last. Chunks already yielded stay
 * valid when it throws: a cut stream, bad JSON or a missing end throws 'malformed-stream'
 * (data `{ incomplete: true }`) after the partial answer. Stops within one read when `signal` fires.
 */
export async function* readEventStream(
  body: ReadableStream<Uint8Array>,
  context: ErrorContext,
  signal?: AbortSignal,
  contentType = 'text/event-stream',
): AsyncGenerator<ChatChunk, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: EventSourceMessage[] = [];
  let overflow = false;
  // Comments (": keep-alive") and `retry:` fields need no handling: the parser skips them.
  const parser = createParser({
    onEvent: (event) => events.push(event),
    // A server that never ends a line must not exhaust memory.
    maxBufferSize: MAX_EVENT_CHARS,
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
    },
  });
  const state: StreamState = { mapper: createChunkMapper(), yielded: false, ended: false, done: false, events: 0 };
  try {
    while (!state.done && !state.ended) {
      const result = await readOnce(reader, context, signal);
      if (result.done) {
        state.ended = true;
        // Flush a final event that lacks its closing blank line; lenient towards small servers.
        parser.feed(`${decoder.decode()}\n\n`);
      } else {
        parser.feed(decoder.decode(result.value, { stream: true }));
      }
      for (const event of events.splice(0)) {
        state.events += 1;
        const chunks = interpret(event, state, context);
        if (state.done) break;
        for (const chunk of chunks) {
          throwIfAborted(signal);
          yield chunk;
          state.yielded = true;
          // The consumer may have pressed Stop while it held this chunk: no chunk after a stop.
          throwIfAborted(signal);
        }
      }
      if (overflow && !state.done) {
        throw incompleteStreamError(context, 'The server sent one event of more than 8 MB, so the answer stopped there.');
      }
    }
    if (!state.done && !state.mapper.finished) throw endedEarly(context, state, contentType);
    for (const chunk of state.mapper.close()) {
      throwIfAborted(signal);
      yield chunk;
    }
  } finally {
    // Stops the download when the answer ended early, failed, or the consumer stopped reading.
    reader.cancel().catch(() => undefined);
  }
}

/** Largest single event accepted, in characters. */
const MAX_EVENT_CHARS = 8 * 1024 * 1024;

interface StreamState {
  mapper: ChunkMapper;
  yielded: boolean;
  ended: boolean;
  done: boolean;
  events: number;
}

async function readOnce(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  context: ErrorContext,
  signal: AbortSignal | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await raceAbort(reader.read(), signal, abortedError);
  } catch (error) {
    if (TabagentError.is(error) || signal?.aborted) throw error;
    throw incompleteStreamError(
      context,
      'The connection closed before the answer was complete. The partial answer is kept; try again.',
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** The chunks one event carries; sets `state.done` at `[DONE]`; throws for error events and bad JSON. */
function interpret(event: EventSourceMessage, state: StreamState, context: ErrorContext): ChatChunk[] {
  const data = event.data.trim();
  if (event.event === 'error') {
    const parsed = tryParseJson(data);
    throw errorFromPayload(parsed === undefined ? data : parsed.value, context, {
      midStream: true,
      nothingYielded: !state.yielded,
    });
  }
  if (data === '[DONE]') {
    state.done = true;
    return [];
  }
  if (data === '') return [];
  const parsed = tryParseJson(data);
  if (parsed === undefined || !isRecord(parsed.value)) {
    // A half-written last event means the connection was cut, not that the server speaks nonsense.
    if (state.ended) {
      throw incompleteStreamError(context, 'The server stopped in the middle of its answer. The partial answer is kept; try again.');
    }
    throw badJsonError(context, data);
  }
  const payload = parsed.value;
  if (payload.error !== undefined && payload.error !== null) {
    throw errorFromPayload(payload, context, { midStream: true, nothingYielded: !state.yielded });
  }
  return state.mapper.map(payload);
}

function endedEarly(context: ErrorContext, state: StreamState, contentType: string): TabagentError {
  if (state.events === 0 && !contentType.includes('event-stream')) {
    return incompleteStreamError(
      context,
      `The server did not answer with an event stream (content type "${contentType || 'none'}"). ` +
        'Check that the base URL points at an OpenAI-compatible server.',
    );
  }
  return incompleteStreamError(
    context,
    'The server ended its answer early (no finish reason, no [DONE]). The partial answer is kept; try again.',
  );
}
