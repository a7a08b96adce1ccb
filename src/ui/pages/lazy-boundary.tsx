import { ErrorBoundary, Suspense, type JSX } from 'solid-js';

/** What a {@link LazyBoundary} says, in the words of the feature that uses it. */
export interface LazyBoundaryProps {
  /** The alert's text when the chunk failed to load, given the reason. */
  failed: (reason: string) => string;
  /** The label of the button that reloads the app (a new version may have been deployed meanwhile). */
  reloadLabel: string;
  /** Shown while the chunk loads; nothing when left out. */
  loading?: JSX.Element;
  children: JSX.Element;
}

/**
 * Wraps a `lazy` component: waits for its chunk, and when the load fails (a new version deployed
 * meanwhile, or no network) says so with a Reload button instead of leaving nothing.
 */
export function LazyBoundary(props: LazyBoundaryProps) {
  return (
    <ErrorBoundary
      fallback={(error: unknown) => (
        <div role="alert" class="error-alert">
          {props.failed(error instanceof Error ? error.message : String(error))}{' '}
          <button type="button" class="link-button" onClick={() => location.reload()}>
            {props.reloadLabel}
          </button>
        </div>
      )}
    >
      <Suspense fallback={props.loading}>{props.children}</Suspense>
    </ErrorBoundary>
  );
}
