/** `scheduler.yield()` where the browser has it (Chromium); typed here as lib.dom does not yet know it. */
interface YieldingScheduler {
  yield(): Promise<void>;
}

/**
 * Ends the current task and resumes in a new one, so that start-up work done in steps never makes
 * one long task (> 50 ms) that holds back input and painting. Uses `scheduler.yield()` (which
 * resumes ahead of other queued tasks) where available, else a message-channel hop (a macrotask
 * without setTimeout's clamping).
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
