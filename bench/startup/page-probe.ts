/**
 * In-page measurement for the startup bench, as JavaScript source (not functions: a transpiler's
 * helpers would not exist in the page once a function is serialized).
 */

/** What one page load measured, in ms since navigation start. */
export interface StartupSample {
  firstContentfulPaintMs: number;
  domContentLoadedMs: number;
  /** When the page's ready selector first matched. */
  readyMs: number;
  /** When its loaded selector first matched (the app: the saved settings read; blank: as ready). */
  loadedMs: number;
  /** The later of ready and the end of the last long task, once the main thread has been quiet for QUIET_MS. */
  interactiveMs: number;
  longTasks: number;
  longTaskMs: number;
}

/**
 * A page counts as settled after this long without a long task (> 50 ms). Lighthouse's
 * time-to-interactive waits 5 s over the network; these pages are served locally.
 */
export const QUIET_MS = 500;

/** Runs before the page's own scripts: records long tasks and when `selector` and `loaded` first match. */
export function probeScript(selector: string, loaded: string): string {
  return `(() => {
  const probe = { readyAt: -1, loadedAt: -1, longTasks: [] };
  window.__startupProbe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push([entry.startTime, entry.startTime + entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (probe.readyAt < 0 && document.querySelector(${JSON.stringify(selector)})) probe.readyAt = performance.now();
    if (probe.loadedAt < 0 && document.querySelector(${JSON.stringify(loaded)})) probe.loadedAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;
}

/** An expression that is true once the page is ready and no long task has ended for QUIET_MS. */
export const SETTLED_EXPRESSION = `(() => {
  const probe = window.__startupProbe;
  if (!probe || probe.readyAt < 0 || probe.loadedAt < 0) return false;
  const lastLongTaskEnd = Math.max(0, ...probe.longTasks.map((task) => task[1]));
  return performance.now() - Math.max(probe.readyAt, lastLongTaskEnd) >= ${QUIET_MS};
})()`;

/** An expression that reads one StartupSample. */
export const SAMPLE_EXPRESSION = `(() => {
  const probe = window.__startupProbe;
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const navigation = performance.getEntriesByType('navigation')[0];
  const lastLongTaskEnd = Math.max(0, ...probe.longTasks.map((task) => task[1]));
  return {
    firstContentfulPaintMs: paint ? paint.startTime : -1,
    domContentLoadedMs: navigation ? navigation.domContentLoadedEventEnd : -1,
    readyMs: probe.readyAt,
    loadedMs: probe.loadedAt,
    interactiveMs: Math.max(probe.readyAt, lastLongTaskEnd),
    longTasks: probe.longTasks.length,
    longTaskMs: probe.longTasks.reduce((sum, task) => sum + task[1] - task[0], 0),
  };
})()`;
