import { Show } from 'solid-js';
import { formatSize } from '../../app/models/model-facts';
import { t } from './messages';
import type { StorageInfo } from '../../app/models/model-services';

export interface StoragePanelProps {
  storage: StorageInfo | undefined;
  onPersist: () => void;
}

const MIB = 1024 * 1024;

/** Storage used and available to this site, and the button that asks the browser to keep it. */
export function StoragePanel(props: StoragePanelProps) {
  return (
    <section class="models-section" aria-label={t('storage')}>
      <Show when={props.storage} fallback={<p class="muted">{t('noStorageInfo')}</p>}>
        {(storage) => (
          <p>
            {t('storageUse', { used: formatSize(storage().usageBytes / MIB), quota: formatSize(storage().quotaBytes / MIB) })}{' '}
            {storage().persisted ? t('persisted') : t('mayEvict')}
          </p>
        )}
      </Show>
      <Show when={!props.storage?.persisted}>
        <button type="button" onClick={() => props.onPersist()}>
          {t('keepModels')}
        </button>
      </Show>
    </section>
  );
}
