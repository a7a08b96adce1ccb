/** Entry point: mounts the app with its real collaborators. */
// First, before the other modules evaluate: the database opens while they do (early-database.ts).
import { databaseExisted, withEarlyDatabase } from './app/early-database';
import { render } from 'solid-js/web';
import { createAppNetwork } from './app/network';
import { App } from './ui/app';
import { createAppUpdates } from './app/updates';
import { createRealServices } from './app/composition-root';
import { whenIdle } from './ui/schedule/when-idle';
import { yieldToBrowser } from './ui/schedule/yield-to-browser';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
// Before anything else: every request the page (and its workers) makes goes through the network door.
const network = createAppNetwork();
network.install();
const updates = createAppUpdates();

/**
 * Builds the services and mounts the app, each step in its own task: together with evaluating
 * the modules they made one long task (> 100 ms on a busy machine) before the message box
 * could take input. index.html's loading shell stays painted until the app replaces it.
 */
async function start(mountPoint: HTMLElement): Promise<void> {
  await yieldToBrowser();
  // Created once, outside JSX: Solid turns a call in a prop into a getter, so `services={create…()}`
  // would build new services (a new tool registry) on every read of `props.services`.
  const real = createRealServices({ network });
  // On a first visit (nothing saved) the settings are the defaults at once; otherwise the app's
  // first open takes the connection opened while the modules evaluated.
  const services = { ...real, openDb: withEarlyDatabase(real.openDb), updates, databaseExisted };
  // The tool machinery (registry, JSON Schema, built-in tools, MCP, OpenAPI) is its own chunk: fetch
  // and build it once the first screen is idle, so the first message does not wait for it. The
  // saved tools' start (app.tsx, after the settings are read) may ask for it sooner.
  whenIdle(() => void real.preloadTools());
  await yieldToBrowser();
  mountPoint.replaceChildren();
  render(() => <App services={services} />, mountPoint);
}

/** An MCP sign-in popup landing on `/?oauth=callback`: hand the answer to the app's tab and close (src/app/tools/oauth-callback.ts). */
async function finishOAuthPopup(mountPoint: HTMLElement): Promise<boolean> {
  if (!new URLSearchParams(location.search).has('oauth')) return false;
  const { handleOAuthCallback } = await import('./app/tools/oauth-callback');
  const handled = handleOAuthCallback(location, { replaceUrl: (url) => history.replaceState(null, '', url), close: () => window.close() });
  if (handled) mountPoint.textContent = 'Signed in. You can close this window.';
  return handled;
}

void finishOAuthPopup(root).then((handled) => (handled ? undefined : start(root)));
// The service worker (offline use, the update prompt) is registered once the page has loaded and
// is idle: fetching its module inside the first task cost 60–100 ms, and its install precaches
// every asset, which competes with the first screen for the CPU.
whenIdle(() => void import('./ui/pwa/register-updates').then(({ registerServiceWorker }) => registerServiceWorker(updates)));
