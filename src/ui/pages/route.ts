import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The page named by a hash like `#/memory`; 'chat' for anything unknown. */
export function pageFromHash(hash: string, known: ReadonlySet<string>): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return known.has(id) ? id : 'chat';
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
      if (location.hash !== hash) history.pushState(null, '', hash || location.pathname + location.search);
    },
  };
}
