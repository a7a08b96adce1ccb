import { lazy } from 'solid-js';
import { LazyBoundary } from '../pages/lazy-boundary';
import type { DemosDialogProps } from './demos-dialog';
import { t } from './try-demo-messages';

const DemosDialog = lazy(() => import('./demos-dialog').then((module) => ({ default: module.DemosDialog })));

/**
 * The Demos dialog, loaded on first use: its presets, texts and sample files never weigh on the
 * app's start-up (the service worker has the chunk precached, so it opens offline too). A failed
 * load says so instead of leaving nothing.
 */
export function DemosLauncher(props: DemosDialogProps) {
  return (
    <LazyBoundary failed={(reason) => t('loadFailed', { reason })} reloadLabel={t('reload')}>
      <DemosDialog host={props.host} onClose={props.onClose} />
    </LazyBoundary>
  );
}
