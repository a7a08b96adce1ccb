import { lazy, type Component, type JSX } from 'solid-js';
import { LazyBoundary } from './lazy-boundary';
import { t } from './messages';
import type { PageContext } from './page-context';

/** A page component as `pages.ts` lists them. */
export type PageComponent = Component<{ context: PageContext }>;

/**
 * A page's `render` that loads the page's module on its first visit. Pages never add to the
 * JavaScript the app needs to start (issue #8 keeps that under 250 KB gzipped); the service worker
 * has their chunks precached, so they open offline too. A failed load (a new version deployed
 * meanwhile, or no network) says so instead of leaving an empty page.
 */
export function lazyPage(load: () => Promise<PageComponent>): (context: PageContext) => JSX.Element {
  const Page = lazy(async () => ({ default: await load() }));
  return (context) => (
    <LazyBoundary failed={(reason) => t('loadFailed', { reason })} reloadLabel={t('reload')} loading={<p class="muted">{t('loading')}</p>}>
      <Page context={context} />
    </LazyBoundary>
  );
}
