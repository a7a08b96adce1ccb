/** Finds stop strings in streamed text, holding back just enough text that a split match is still seen. */

export interface StopMatcher {
  /** Adds streamed text; returns the text safe to emit now and whether a stop string was reached. */
  push(text: string): { text: string; stopped: boolean };
  /** Releases held-back text at the end of the answer. */
  flush(): string;
}

/**
 * Creates a matcher. Text after the earliest stop string is dropped, the stop string itself is not
 * emitted (OpenAI semantics), and only a tail that is a prefix of some stop string is held back.
 */
export function createStopMatcher(stops: readonly string[] = []): StopMatcher {
  const active = stops.filter((stop) => stop.length > 0);
  let held = '';
  let stopped = false;

  return {
    push(text) {
      if (stopped) return { text: '', stopped: true };
      held += text;
      let earliest = -1;
      for (const stop of active) {
        const index = held.indexOf(stop);
        if (index !== -1 && (earliest === -1 || index < earliest)) earliest = index;
      }
      if (earliest !== -1) {
        stopped = true;
        const emitted = held.slice(0, earliest);
        held = '';
        return { text: emitted, stopped: true };
      }
      const keep = longestStopPrefixSuffix(held, active);
      const emitted = held.slice(0, held.length - keep);
      held = held.slice(held.length - keep);
      return { text: emitted, stopped: false };
    },
    flush() {
      const rest = stopped ? '' : held;
      held = '';
      return rest;
    },
  };
}

/** Length of the longest suffix of `text` that begins some stop string. */
function longestStopPrefixSuffix(text: string, stops: readonly string[]): number {
  let longest = 0;
  for (const stop of stops) {
    const limit = Math.min(stop.length - 1, text.length);
    for (let length = limit; length > longest; length -= 1) {
      if (text.endsWith(stop.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}
