/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';
import type { AppUpdatesController } from '../../app/updates';

/**
 * Registers the service worker (built by vite-plugin-pwa with registerType 'prompt') and wires it
 * to the app's update state: a waiting version raises the reload prompt, and Reload tells it to
 * take over, then reloads. Imported lazily by main.tsx so it costs nothing before the first paint.
 */
export function registerServiceWorker(updates: AppUpdatesController): void {
  if (!('serviceWorker' in navigator)) return;
  const updateServiceWorker = registerSW({
    onNeedRefresh: () => updates.markNeedRefresh(),
    // Without a service worker the app still works online; say why for whoever looks at the console.
    onRegisterError: (error: unknown) => console.warn('Tabagent could not register its service worker; it will not work offline.', error),
  });
  updates.connect(() => updateServiceWorker(true));
}
