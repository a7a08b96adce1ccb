import { createSignal, Show } from 'solid-js';
import { t } from './messages';
import type { AppUpdates } from '../../app/updates';
import './pwa.css';

/**
 * "A new version is available — Reload": an alert (announced at once) with Reload and Later.
 * Reload activates the waiting service worker and reloads; Later keeps this version until the
 * next visit.
 */
export function UpdatePrompt(props: { updates: AppUpdates }) {
  const [reloading, setReloading] = createSignal(false);
  return (
    <Show when={props.updates.needRefresh()}>
      <div role="alert" class="update-prompt">
        <span>{t('newVersion')}</span>
        <button
          type="button"
          class="primary"
          disabled={reloading()}
          onClick={() => {
            setReloading(true);
            void props.updates.update().finally(() => setReloading(false));
          }}
        >
          {t('reload')}
        </button>
        <button type="button" onClick={() => props.updates.dismiss()}>
          {t('later')}
        </button>
      </div>
    </Show>
  );
}
