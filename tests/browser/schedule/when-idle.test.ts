import { describe, expect, it } from 'vitest';
import { whenIdle } from '../../../src/ui/schedule/when-idle';

/** A window whose load has not happened yet: `fire()` dispatches it. */
function loadingWindow(): { target: Window; fire: () => void } {
  const events = new EventTarget();
  let readyState: DocumentReadyState = 'loading';
  const target = {
    document: {
      get readyState() {
        return readyState;
      },
    },
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    requestIdleCallback: window.requestIdleCallback.bind(window),
    cancelIdleCallback: window.cancelIdleCallback.bind(window),
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
  } as unknown as Window;
  return {
    target,
    fire: () => {
      readyState = 'complete';
      events.dispatchEvent(new Event('load'));
    },
  };
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('whenIdle', () => {
  it('never runs the task inside the current task, then runs it once the loaded page is idle', async () => {
    let runs = 0;
    whenIdle(() => (runs += 1));
    expect(runs).toBe(0);
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1);
    await settle(50);
    expect(runs).toBe(1);
  });

  it('waits for the load event of a page still loading', async () => {
    const { target, fire } = loadingWindow();
    let runs = 0;
    whenIdle(() => (runs += 1), target);
    await settle(300);
    expect(runs).toBe(0);
    fire();
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1);
  });

  it('runs nothing once cancelled, before or after the load event', async () => {
    const loading = loadingWindow();
    let runs = 0;
    whenIdle(() => (runs += 1), loading.target)();
    loading.fire();
    const cancel = whenIdle(() => (runs += 1));
    cancel();
    await settle(300);
    expect(runs).toBe(0);
  });
});
