import type { AgentEvent } from '../../core/agent/events';

/** How a run's event stream ended. `left-behind`: it kept going after Stop and was abandoned. */
export type ConsumeOutcome = 'ended' | 'left-behind';

const LEFT_BEHIND = Symbol('left-behind');

/**
 * Reads every event of a run into `onEvent`. After `signal` aborts, the run gets `graceMs` to
 * send its last events (the stopped `finish`, the partial message); a run still going after that
 * is left behind, so a hung engine or tool can never keep the UI busy.
 * Each wait is its own promise (no race against one long-lived promise, whose reactions would pile
 * up with every streamed token).
 */
export async function consumeEvents(
  events: AsyncIterable<AgentEvent>,
  signal: AbortSignal,
  graceMs: number,
  onEvent: (event: AgentEvent) => void,
): Promise<ConsumeOutcome> {
  const iterator = events[Symbol.asyncIterator]();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let leftBehind = false;
  let wake: ((value: typeof LEFT_BEHIND) => void) | undefined;
  const onAbort = (): void => {
    timer = setTimeout(() => {
      leftBehind = true;
      wake?.(LEFT_BEHIND);
    }, graceMs);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const next = leftBehind
        ? LEFT_BEHIND
        : await new Promise<IteratorResult<AgentEvent> | typeof LEFT_BEHIND>((resolve, reject) => {
            wake = resolve;
            iterator.next().then(resolve, reject);
          });
      wake = undefined;
      if (next === LEFT_BEHIND) {
        iterator.return?.().catch(() => undefined);
        return 'left-behind';
      }
      if (next.done) return 'ended';
      onEvent(next.value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (timer !== undefined) clearTimeout(timer);
  }
}
