import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { errorText } from '../errors/error-text';
import type { NetworkServices } from '../../net/app-network';
import type { StoredLedgerEntry } from '../../net/ledger';
import type { Grant } from '../../net/policy';
import type { SecretInfo } from '../../net/secret-vault';
import { settingsRules } from '../../app/settings/settings-service';
import { ErrorAlert } from '../components/error-alert';
import type { PageContext } from '../pages/page-context';
import { LedgerView } from './ledger-view';
import { t } from './messages';
import { SecretsPanel } from './secrets-panel';
import './network.css';

/** How long the list waits after a change before reading the ledger again (downloads make many). */
const REFRESH_DELAY_MS = 250;
/** Rows shown (the ledger keeps up to 5,000). */
const LIST_LIMIT = 1000;

/**
 * The Network page: strict mode, the origins granted now, every request the app made (newest
 * first, filterable, clearable) and the secrets the door may add to requests.
 */
export function NetworkPage(props: { context: PageContext }) {
  return (
    <div class="network-page">
      <h2>{t('title')}</h2>
      <p class="muted">{t('intro')}</p>
      <Show when={props.context.services.network} fallback={<p>{t('unavailable')}</p>}>
        {(network) => <NetworkSections context={props.context} network={network()} />}
      </Show>
    </div>
  );
}

function NetworkSections(props: { context: PageContext; network: NetworkServices }) {
  const strictId = createUniqueId();
  const strictHint = createUniqueId();
  const grantsId = createUniqueId();
  const ledgerId = createUniqueId();
  const secretsId = createUniqueId();
  const [entries, setEntries] = createSignal<StoredLedgerEntry[]>([]);
  const [secrets, setSecrets] = createSignal<SecretInfo[]>([]);
  const [grants, setGrants] = createSignal<Grant[]>([]);
  const [error, setError] = createSignal<string>();
  const strict = (): boolean => settingsRules.isStrictNetwork(props.context.settings());

  const reload = async (): Promise<void> => {
    try {
      const [list, known] = await Promise.all([props.network.entries(LIST_LIMIT), props.network.secrets()]);
      setEntries(list);
      setSecrets(known);
      setGrants(props.network.grants());
    } catch (failure) {
      setError(errorText(failure, 'storage'));
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const scheduleReload = (): void => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void reload();
    }, REFRESH_DELAY_MS);
  };
  onMount(() => {
    void reload();
    const unsubscribe = props.network.subscribe(scheduleReload);
    onCleanup(() => {
      unsubscribe();
      clearTimeout(timer);
    });
  });

  const setStrict = async (on: boolean): Promise<void> => {
    const next = { ...props.context.settings() };
    if (on) delete next.strictNetwork;
    else next.strictNetwork = false;
    await props.context.saveSettings(next);
    setGrants(props.network.grants());
  };

  return (
    <>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <section class="network-section" aria-labelledby={strictId}>
        <h3 id={strictId}>{t('strictHeading')}</h3>
        <label class="network-toggle">
          <input
            type="checkbox"
            checked={strict()}
            aria-describedby={strictHint}
            onChange={(event) => void setStrict(event.currentTarget.checked)}
          />
          {t('strictLabel')}
        </label>
        <p id={strictHint} class="muted">
          {strict() ? t('strictOn') : t('strictOff')}
        </p>
      </section>

      <section class="network-section" aria-labelledby={grantsId}>
        <h3 id={grantsId}>{t('grantsHeading')}</h3>
        <Show when={grants().length > 0} fallback={<p class="muted">{t('grantsEmpty')}</p>}>
          <ul class="network-grants">
            <For each={grants()}>
              {(grant) => (
                <li>
                  <code>{grant.origin}</code> — {grant.holder}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <section class="network-section" aria-labelledby={ledgerId}>
        <h3 id={ledgerId}>{t('ledgerHeading')}</h3>
        <LedgerView
          entries={entries()}
          onClear={() => {
            void props.network
              .clear()
              .then(reload)
              .catch((failure: unknown) => setError(errorText(failure, 'storage')));
          }}
        />
      </section>

      <section class="network-section" aria-labelledby={secretsId}>
        <h3 id={secretsId}>{t('secretsHeading')}</h3>
        <p class="muted">{t('secretsIntro')}</p>
        <SecretsPanel
          secrets={secrets()}
          onAdd={async (secret) => {
            await props.network.addSecret(secret);
            await reload();
          }}
          onRemove={async (id) => {
            await props.network.removeSecret(id);
            await reload();
          }}
        />
      </section>
    </>
  );
}
