/**
 * Which engine answers a server's sampling request: the engine of the run whose tool call the
 * request came during. The SDK does not tell a client which of its requests a server request
 * belongs to, so each server keeps the engines of its calls in flight; the newest call's engine
 * answers (two conversations calling the same server at the same moment is the only ambiguity).
 */
import type { ChatEngine } from '../../core/types';
import type { McpSamplingHandlers } from './sampling-types';

/** The engines of one server's calls in flight, newest last. */
export class CallEngines {
  readonly #running: ChatEngine[] = [];

  /** Runs `work` (a tool call) with `engine` as the one its server's sampling requests use. */
  async during<T>(engine: ChatEngine | undefined, work: () => Promise<T>): Promise<T> {
    if (!engine) return work();
    this.#running.push(engine);
    try {
      return await work();
    } finally {
      this.#running.splice(this.#running.lastIndexOf(engine), 1);
    }
  }

  /** The engine of the newest call in flight; undefined when no call of a run is running. */
  current(): ChatEngine | undefined {
    return this.#running.at(-1);
  }
}

/** `handlers` whose completion runs on the engine of the call in flight (`calls.current()`), when there is one. */
export function routeSampling(handlers: McpSamplingHandlers, calls: CallEngines): McpSamplingHandlers {
  return {
    approve: (request, signal) => handlers.approve(request, signal),
    complete: (request, signal) => {
      const engine = calls.current();
      return engine ? handlers.complete(request, signal, engine) : handlers.complete(request, signal);
    },
  };
}
