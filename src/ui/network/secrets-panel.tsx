import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { errorText } from '../errors/error-text';
import type { NewSecret, SecretInfo } from '../../net/secret-vault';
import { ErrorAlert } from '../components/error-alert';
import { RemovableChip } from '../components/removable-chip';
import { parseOrigins } from './format';
import { t } from './messages';

/**
 * The secrets the door may add to requests: listed by label and origins (never by value), added
 * with a password field, deleted. Keys typed into Settings appear too, managed there.
 */
export function SecretsPanel(props: {
  secrets: readonly SecretInfo[];
  onAdd: (secret: NewSecret) => Promise<void>;
  onRemove: (id: string) => Promise<void>;
}) {
  const labelId = createUniqueId();
  const valueId = createUniqueId();
  const originsId = createUniqueId();
  const hintId = createUniqueId();
  const [label, setLabel] = createSignal('');
  const [value, setValue] = createSignal('');
  const [origins, setOrigins] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setNotice(undefined);
    try {
      const added = label().trim();
      await props.onAdd({ label: label(), value: value(), origins: parseOrigins(origins()) });
      setLabel('');
      setValue('');
      setOrigins('');
      setError(undefined);
      setNotice(t('added', { label: added }));
    } catch (failure) {
      setError(errorText(failure, 'config'));
    } finally {
      // The value never stays in the form longer than needed, whatever happened.
      setValue('');
      setBusy(false);
    }
  };

  const remove = async (id: string): Promise<void> => {
    try {
      await props.onRemove(id);
      setError(undefined);
    } catch (failure) {
      setError(errorText(failure, 'storage'));
    }
  };

  return (
    <>
      <Show when={props.secrets.length > 0} fallback={<p class="muted">{t('secretsEmpty')}</p>}>
        <ul class="network-secrets">
          <For each={props.secrets}>
            {(secret) => (
              <RemovableChip
                removeLabel={t('deleteSecret', { label: secret.label })}
                buttonText={t('delete')}
                // Keys typed into Settings are deleted there.
                onRemove={secret.fromSettings ? undefined : () => void remove(secret.id)}
              >
                <div>
                  <strong>{secret.label}</strong>
                  <Show when={secret.fromSettings}>
                    <span class="network-tag">{t('fromSettings')}</span>
                  </Show>
                  <div class="muted">{secret.origins.join(', ')}</div>
                  <div class="muted network-placeholder">{t('secretId', { id: secret.id })}</div>
                </div>
              </RemovableChip>
            )}
          </For>
        </ul>
      </Show>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={notice()}>
        {(message) => (
          <p role="status" class="muted">
            {message()}
          </p>
        )}
      </Show>
      <form class="network-secret-form" onSubmit={(event) => void submit(event)}>
        <label for={labelId}>{t('secretLabel')}</label>
        <input id={labelId} type="text" autocomplete="off" value={label()} onInput={(event) => setLabel(event.currentTarget.value)} />
        <label for={valueId}>{t('secretValue')}</label>
        <input
          id={valueId}
          type="password"
          autocomplete="new-password"
          value={value()}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <label for={originsId}>{t('secretOrigins')}</label>
        <input
          id={originsId}
          type="text"
          autocomplete="off"
          aria-describedby={hintId}
          value={origins()}
          onInput={(event) => setOrigins(event.currentTarget.value)}
        />
        <p id={hintId} class="muted">
          {t('secretOriginsHint')}
        </p>
        <button type="submit" class="primary" disabled={busy()}>
          {t('addSecret')}
        </button>
      </form>
    </>
  );
}
