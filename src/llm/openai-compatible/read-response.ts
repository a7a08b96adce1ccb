/** Picks the reader for a successful response: an event stream, or one JSON completion. */
import type { ChatChunk } from '../../core/types';
import { raceAbort, throwIfAborted } from '../../core/abort';
import { abortedError } from '../../core/errors';
import { readEventStream } from './event-stream';
import type { ErrorContext } from './http-errors';
import { chunksFromCompletion } from './json-completion';
import { incompleteStreamError } from './stream-errors';

/** Yields the answer's chunks whatever form the server chose, streamed or not. */
export async function* readChatResponse(
  response: Response,
  context: ErrorContext,
  signal?: AbortSignal,
): AsyncGenerator<ChatChunk, void, undefined> {
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  // Some servers ignore `stream: true` (or a proxy buffers) and send a whole completion.
  if (contentType.includes('json') && !contentType.includes('event-stream')) {
    for (const chunk of chunksFromCompletion(await raceAbort(response.text(), signal, abortedError), context)) {
      // No chunk after Stop, even from an answer that arrived whole.
      throwIfAborted(signal);
      yield chunk;
    }
    return;
  }
  if (response.body === null) {
    throw incompleteStreamError(context, 'The server sent an empty answer. Try again.');
  }
  yield* readEventStream(response.body, context, signal, contentType);
}
