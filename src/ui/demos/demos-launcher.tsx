import { ErrorBoundary, lazy, Suspense } from 'solid-js';
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
    <ErrorBoundary
      fallback={(error: unknown) => (
        <div role="alert" class="error-alert">
          {t('loadFailed', { reason: error instanceof Error ? error.message : String(error) })}{' '}
          <button type="button" class="link-button" onClick={() => location.reload()}>
            {t('reload')}
          </button>
        </div>
      )}
    >
      <Suspense>
        <DemosDialog host={props.host} onClose={props.onClose} />
      </Suspense>
    </ErrorBoundary>
  );
}
