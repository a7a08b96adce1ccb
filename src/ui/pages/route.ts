import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The page named by a hash like `#/memory`; 'chat' for anything unknown. */
export function pageFromHash(hash: string, known: ReadonlySet<string>): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return known.has(id) ? id : 'chat';
}

/** The event `goTo` fires after it changed the hash without a `hashchange`. */
const HASH_PUSHED = 'tabagent-hash-pushed';

/**
 * Calls `listener` with the new hash whenever it changes: by a link, back/forward or the page
 * navigation. For a page's own sub-routes; removed when the calling component is disposed.
 */
export function watchHash(listener: (hash: string) => void): void {
  const notify = (): void => listener(location.hash);
  window.addEventListener('hashchange', notify);
  window.addEventListener(HASH_PUSHED, notify);
  onCleanup(() => {
    window.removeEventListener('hashchange', notify);
    window.removeEventListener(HASH_PUSHED, notify);
  });
}

/** The current page, kept in step with `location.hash` (back and forward work). */
export function createRoute(known: ReadonlySet<string>): { page: Accessor<string>; goTo: (page: string) => void } {
  const [page, setPage] = createSignal(pageFromHash(location.hash, known));
  const onHashChange = (): void => {
    setPage(pageFromHash(location.hash, known));
  };
  window.addEventListener('hashchange', onHashChange);
  onCleanup(() => window.removeEventListener('hashchange', onHashChange));
  return {
    page,
    goTo(next) {
      const target = known.has(next) ? next : 'chat';
      setPage(target);
      const hash = target === 'chat' ? '' : `#/${target}`;
      if (location.hash !== hash) {
        history.pushState(null, '', hash || location.pathname + location.search);
        // pushState fires no event: tell pages with routes of their own (`#/agents/<id>`) the hash moved.
        window.dispatchEvent(new Event(HASH_PUSHED));
      }
    },
  };
}
