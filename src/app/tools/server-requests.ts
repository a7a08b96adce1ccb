import type { McpElicitation, McpElicitationAnswer } from '../../tools/mcp/elicitation';
import type { McpSamplingRequest } from '../../tools/mcp/sampling';

/** A server request waiting for the person: sampling (allow or deny) or elicitation (a form or a URL). */
export type PendingServerRequest =
  | { kind: 'sampling'; request: Readonly<McpSamplingRequest>; answer(allowed: boolean): void }
  | { kind: 'elicitation'; request: Readonly<McpElicitation>; answer(answer: McpElicitationAnswer): void };

/**
 * Requests MCP servers make of the person, one shown at a time (first come, first shown). What
 * is asked is exactly what is shown; a request whose call is stopped is withdrawn (sampling
 * denied, elicitation cancelled). Subscribe-style, so the UI layer wraps it without the app
 * knowing Solid.
 */
export interface ServerRequestQueue {
  current(): PendingServerRequest | undefined;
  subscribe(listener: () => void): () => void;
  /** The sampling approval: resolves true only on "Allow once". */
  approveSampling(request: Readonly<McpSamplingRequest>, signal: AbortSignal): Promise<boolean>;
  /** The elicitation answer: accept with content, decline or cancel. */
  elicit(request: Readonly<McpElicitation>, signal: AbortSignal): Promise<McpElicitationAnswer>;
}

/** Creates the queue the app's MCP handlers ask through and the UI answers. */
export function createServerRequestQueue(): ServerRequestQueue {
  const queue: PendingServerRequest[] = [];
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };

  function ask<T>(signal: AbortSignal, onStop: T, build: (settle: (value: T) => void) => PendingServerRequest): Promise<T> {
    if (signal.aborted) return Promise.resolve(onStop);
    return new Promise<T>((resolve) => {
      const settle = (value: T): void => {
        signal.removeEventListener('abort', stop);
        const index = queue.indexOf(entry);
        if (index < 0) return;
        queue.splice(index, 1);
        notify();
        resolve(value);
      };
      const stop = (): void => settle(onStop);
      const entry = build(settle);
      signal.addEventListener('abort', stop, { once: true });
      queue.push(entry);
      notify();
    });
  }

  return {
    current: () => queue[0],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    approveSampling(request, signal) {
      const shown = Object.freeze(structuredClone(request));
      return ask<boolean>(signal, false, (settle) => ({ kind: 'sampling', request: shown, answer: (allowed) => settle(allowed === true) }));
    },
    elicit(request, signal) {
      const shown = Object.freeze(structuredClone(request));
      return ask<McpElicitationAnswer>(signal, { action: 'cancel' }, (settle) => ({ kind: 'elicitation', request: shown, answer: settle }));
    },
  };
}
