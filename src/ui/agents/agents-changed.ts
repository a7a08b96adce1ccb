/**
 * Agents added outside the Agents page's own controls (a share link's dialog, mounted in the app
 * shell) announce it, so a list on screen reads the agents again.
 */
const EVENT = 'tabagent-agents-changed';

/** Tells every list on screen that agents were added or changed. */
export function announceAgentsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

/** Calls `listener` on each announcement; returns the function that stops listening. */
export function onAgentsChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
