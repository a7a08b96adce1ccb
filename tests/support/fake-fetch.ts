/** Injected `fetch` doubles for engine tests: scripted responses with bodies split as a test wants. */

/** A `fetch` call as the engine made it. */
export interface FetchCall {
  url: string;
  init: RequestInit;
}

export type FakeFetch = ((url: string, init: RequestInit) => Promise<Response>) & { calls: FetchCall[] };

/** What one fetch call gives: a response, an error to reject with, or a function of the call. */
export type FakeOutcome = Response | Error | ((call: FetchCall) => Response | Promise<Response>);

/** A fetch that answers call n with `outcomes[n]` (the last one repeats; responses are cloned). */
export function scriptedFetch(outcomes: FakeOutcome[]): FakeFetch {
  const calls: FetchCall[] = [];
  const fake = async (url: string, init: RequestInit): Promise<Response> => {
    const call = { url, init };
    calls.push(call);
    const outcome = outcomes[Math.min(calls.length - 1, outcomes.length - 1)];
    if (outcome === undefined) throw new Error('scriptedFetch: no outcomes');
    if (outcome instanceof Error) throw outcome;
    if (typeof outcome === 'function') return outcome(call);
    // A clone per call, so a repeated outcome has an unread body each time.
    return outcome.clone();
  };
  return Object.assign(fake, { calls });
}

/** A body stream that delivers exactly these pieces, one per read. */
export function bodyOf(pieces: ReadonlyArray<string | Uint8Array>, options: { endless?: boolean } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next];
      next += 1;
      if (piece !== undefined) {
        controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
        return undefined;
      }
      // An endless body never delivers more and never closes: a server that stalls.
      if (options.endless === true) return new Promise<void>(() => undefined);
      controller.close();
      return undefined;
    },
  });
}

/** A 200 event-stream response whose body arrives in these pieces. */
export function sseResponse(pieces: ReadonlyArray<string | Uint8Array>, options: { endless?: boolean; contentType?: string } = {}): Response {
  return new Response(bodyOf(pieces, options), {
    status: 200,
    headers: { 'Content-Type': options.contentType ?? 'text/event-stream' },
  });
}

/** A JSON response. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** SSE text for a list of `data:` payloads (objects are JSON-encoded). */
export function sse(...payloads: Array<string | Record<string, unknown>>): string {
  return payloads.map((payload) => `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`).join('');
}

/** One streamed chunk object carrying `delta` (and optionally a finish reason). */
export function deltaChunk(delta: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> {
  return {
    id: 'chatcmpl-x',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

/** Splits bytes at the given offsets. */
export function splitBytes(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets.filter((offset) => offset > 0 && offset < bytes.length))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.slice(start, cut));
    start = cut;
  }
  return pieces;
}

/** A sleep double that records each wait and returns at once. */
export function recordingSleep(): ((ms: number, signal?: AbortSignal) => Promise<void>) & { waits: number[] } {
  const waits: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    waits.push(ms);
  };
  return Object.assign(sleep, { waits });
}
