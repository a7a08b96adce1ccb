/** How long an idle callback may wait for an idle moment before it runs anyway (ms). */
const IDLE_TIMEOUT_MS = 3000;

/**
 * Runs `task` once the page has loaded and the main thread is idle: work the first screen does not
 * need (the service worker's registration, warming caches) then never lengthens a task before the
 * message box accepts input. Where `requestIdleCallback` is missing (Safari), a short timeout after
 * the load event stands in. Returns a function that cancels a task that has not started.
 */
export function whenIdle(task: () => void, target: Window = window): () => void {
  let cancelled = false;
  let cancelScheduled = (): void => undefined;
  const schedule = (): void => {
    if (cancelled) return;
    if (typeof target.requestIdleCallback === 'function') {
      const handle = target.requestIdleCallback(() => task(), { timeout: IDLE_TIMEOUT_MS });
      cancelScheduled = () => target.cancelIdleCallback(handle);
    } else {
      const handle = target.setTimeout(task, 200);
      cancelScheduled = () => target.clearTimeout(handle);
    }
  };
  if (target.document.readyState === 'complete') schedule();
  else target.addEventListener('load', schedule, { once: true });
  return () => {
    cancelled = true;
    target.removeEventListener('load', schedule);
    cancelScheduled();
  };
}
