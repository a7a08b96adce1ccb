import { createEffect, createUniqueId, Match, on, Switch } from 'solid-js';
import type { EmbeddingService } from '../../app/embedding/embedding-service';
import { t } from './messages';
import './embedding.css';

const MIB = 1024 * 1024;

export interface EmbeddingConsentProps {
  service: EmbeddingService;
  /** The model id the person already agreed to download (from settings), if any. */
  consent: string | undefined;
  /** Remembers the consent in settings; resolves false when it could not be saved. */
  onConsent: (modelId: string) => Promise<boolean>;
}

/**
 * Where a feature that searches by meaning first needs the embedding model: names the model and
 * its download size and asks; once agreed (remembered in settings) the model loads with a progress
 * bar, and on later visits it loads without asking again. Until then retrieval is keyword-only.
 */
export function EmbeddingConsent(props: EmbeddingConsentProps) {
  const headingId = createUniqueId();
  const progressId = createUniqueId();
  const sizeMB = (): number => Math.round(props.service.downloadBytes / MIB);
  const agreed = (): boolean => props.consent === props.service.model.modelId;
  const load = (): void => {
    // The status signal shows a failure; nothing else waits for this load.
    props.service.load().catch(() => undefined);
  };

  // Agreed earlier: load without asking again (the files are usually in the browser's cache).
  createEffect(
    on(agreed, (yes) => {
      if (yes && props.service.status().state === 'off') load();
    }),
  );

  const percent = (): number => {
    const status = props.service.status();
    const fraction = status.state === 'loading' ? (status.progress?.progress ?? 0) : 0;
    return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  };
  const detail = (): string => {
    const status = props.service.status();
    const progress = status.state === 'loading' ? status.progress : undefined;
    if (progress?.loadedBytes !== undefined && progress.totalBytes !== undefined) {
      return t('loadingBytes', { done: Math.round(progress.loadedBytes / MIB), total: Math.round(progress.totalBytes / MIB) });
    }
    return t('loadingText', { percent: percent() });
  };

  return (
    <section class="embedding-consent" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('heading')}</h3>
      <Switch>
        <Match when={props.service.status().state === 'ready'}>
          <p class="muted">{t('ready', { model: props.service.model.label })}</p>
        </Match>
        <Match when={props.service.status().state === 'loading'}>
          <div class="embedding-progress">
            <span id={progressId}>{t('loadingLabel')}</span>
            <progress
              max={100}
              value={percent()}
              aria-labelledby={progressId}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent()}
              aria-valuetext={detail()}
            />
            <small class="muted">{detail()}</small>
          </div>
        </Match>
        <Match when={props.service.status().state === 'error'}>
          {(() => {
            const status = props.service.status();
            return (
              <div role="alert" class="error-alert">
                {t('failed', { message: status.state === 'error' ? status.message : '' })}{' '}
                <button type="button" onClick={load}>
                  {t('retry')}
                </button>
              </div>
            );
          })()}
        </Match>
        <Match when={props.service.status().state === 'off'}>
          <p class="muted">{t('explain', { model: props.service.model.label, size: sizeMB() })}</p>
          <button
            type="button"
            onClick={() => {
              void props.onConsent(props.service.model.modelId);
              load();
            }}
          >
            {t('download', { size: sizeMB() })}
          </button>
        </Match>
      </Switch>
    </section>
  );
}
