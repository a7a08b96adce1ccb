/**
 * Reads `promptStreaming`'s chunks as deltas. Chrome before 131 sent the whole answer so far in
 * each chunk; later versions send only the new text. The second chunk tells which: if it repeats
 * the first and adds to it, the stream is cumulative. Either way only new text leaves here.
 */
export function createDeltaReader(): (chunk: string) => string {
  let seen = 0;
  let total = '';
  let cumulative: boolean | undefined;
  return (chunk) => {
    if (seen === 1 && cumulative === undefined) cumulative = chunk.length > total.length && chunk.startsWith(total);
    seen += 1;
    if (cumulative && chunk.startsWith(total)) {
      const delta = chunk.slice(total.length);
      total = chunk;
      return delta;
    }
    // A chunk that does not extend the text is new text, whatever the first two said.
    total += chunk;
    return chunk;
  };
}

/**
 * The chunks of a ReadableStream, ending when it ends; cancels the stream when the consumer
 * stops early (an abort, an error downstream), so the browser stops generating.
 */
export async function* readChunks(stream: ReadableStream<string>): AsyncGenerator<string> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
