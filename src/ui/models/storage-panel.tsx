import { Show } from 'solid-js';
import { formatMegabytes } from '../../llm/capabilities';
import type { StorageInfo } from './model-services';

export interface StoragePanelProps {
  storage: StorageInfo | undefined;
  onPersist: () => void;
}

const MIB = 1024 * 1024;

/** Storage used and available to this site, and the button that asks the browser to keep it. */
export function StoragePanel(props: StoragePanelProps) {
  return (
    <section class="models-section" aria-label="Storage">
      <Show when={props.storage} fallback={<p class="muted">This browser does not report its storage.</p>}>
        {(storage) => (
          <p>
            Storage: {formatMegabytes(storage().usageBytes / MIB)} used of {formatMegabytes(storage().quotaBytes / MIB)} available to this site.{' '}
            {storage().persisted ? 'Models are kept (persistent storage).' : 'The browser may evict models when space runs low.'}
          </p>
        )}
      </Show>
      <Show when={!props.storage?.persisted}>
        <button type="button" onClick={() => props.onPersist()}>
          Keep models (persistent storage)
        </button>
      </Show>
    </section>
  );
}
