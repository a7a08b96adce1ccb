import { createSignal, type Accessor } from 'solid-js';

/**
 * What the app shows about its own service worker: a new version waiting (the reload prompt).
 * main.tsx creates it and connects it to the real service worker; tests drive it directly.
 */
export interface AppUpdates {
  /** A new version is installed and waiting; reloading switches to it. */
  needRefresh: Accessor<boolean>;
  /** Activates the waiting version and reloads the page. */
  update: () => Promise<void>;
  /** Hides the prompt (the waiting version is then used on the next visit). */
  dismiss: () => void;
}

/** The update state plus the hooks a service-worker registration calls. */
export interface AppUpdatesController extends AppUpdates {
  /** The registration found a waiting version. */
  markNeedRefresh: () => void;
  /** Sets what `update` does (the registration's activate-and-reload). */
  connect: (activate: () => Promise<void>) => void;
}

/** Creates the update state; `update` does nothing until a registration is connected. */
export function createAppUpdates(): AppUpdatesController {
  const [needRefresh, setNeedRefresh] = createSignal(false);
  let activate: () => Promise<void> = async () => undefined;
  return {
    needRefresh,
    update: () => activate(),
    dismiss: () => setNeedRefresh(false),
    markNeedRefresh: () => setNeedRefresh(true),
    connect(next) {
      activate = next;
    },
  };
}
