/** How a turn's wait for reconnecting MCP servers ended. */
export type ReconnectWaitOutcome =
  /** Nothing was reconnecting: no wait at all. */
  | 'none'
  /** Every saved server settled (connected or failed) within the cap. */
  | 'settled'
  /** The cap passed first; the turn goes on with the tools there are. */
  | 'timed-out'
  /** The turn was stopped while waiting. */
  | 'aborted';

export interface ReconnectWaitOptions {
  /** Longest wait (default 5 s): a server that is slow to answer must not hold the turn for long. */
  capMs?: number;
  signal?: AbortSignal;
  /** Called once, only when there is something to wait for (the turn says "Waiting for MCP servers to reconnect…"). */
  onWaiting?: () => void;
}

/** The default cap: a few seconds at most. */
export const RECONNECT_WAIT_MS = 5_000;

const SETTLED = Symbol('settled');

/**
 * Waits for `reconnecting` (the saved servers' reconnect after a reload; undefined when none is
 * under way) so a turn sent right after a reload is offered every tool, never longer than the cap.
 * A reconnect that fails still ends the wait: the turn goes on without that server's tools.
 */
export async function waitForReconnect(reconnecting: Promise<unknown> | undefined, options: ReconnectWaitOptions = {}): Promise<ReconnectWaitOutcome> {
  if (!reconnecting) return 'none';
  const settled = reconnecting.then(
    () => SETTLED,
    () => SETTLED,
  );
  // Already over (checked after the promise's own callbacks ran): nothing to say, nothing to wait for.
  if ((await Promise.race([settled, Promise.resolve(undefined).then(() => undefined)])) === SETTLED) return 'none';
  if (options.signal?.aborted) return 'aborted';
  options.onWaiting?.();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const capped = new Promise<ReconnectWaitOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), options.capMs ?? RECONNECT_WAIT_MS);
    onAbort = () => resolve('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([settled.then(() => 'settled' as const), capped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  }
}
