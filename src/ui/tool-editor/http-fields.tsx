import { For, Show } from 'solid-js';
import { BODY_METHODS, DRAFT_METHODS } from '../../app/custom-tools/draft';
import type { HttpMethod } from '../../tools/custom/implementation';
import type { DraftEditing } from './draft-editing';
import { CodeArea, Field, fieldIds } from './field';
import { t } from './messages';
import { isPrivateOrigin } from '../../app/network-targets';

export interface HttpFieldsProps {
  editing: DraftEditing;
  /** The origin the URL template reaches, once it has one. */
  origin: () => string | undefined;
  /** The secrets the template refers to, and whether each is stored for the origin. */
  secretIds: () => string[];
  secretStored: (id: string) => boolean;
  secretValues: () => Record<string, string>;
  onSecretValue: (id: string, value: string) => void;
  /** Whether the person has set "side effects" themselves (then a method change leaves it alone). */
  sideEffectsChosen: () => boolean;
}

/** The HTTP tool's own part of the form: method, URL template, headers, body and secret values. */
export function HttpFields(props: HttpFieldsProps) {
  const problemsFor = props.editing.problemsFor;
  const draft = props.editing.draft;
  const update = props.editing.update;
  const ids = {
    method: fieldIds(() => [], false),
    url: fieldIds(() => problemsFor('url'), true),
    headers: fieldIds(() => problemsFor('headers'), true),
    body: fieldIds(() => problemsFor('body'), true),
  };
  return (
    <>
      <div class="tool-form-row">
        <Field ids={ids.method} label={t('method')} problems={[]}>
          <select
            id={ids.method.id}
            value={draft().method}
            onChange={(event) => {
              const method = event.currentTarget.value as HttpMethod;
              // Until the person decides, requests that change things ask first.
              update('other', { method, ...(props.sideEffectsChosen() ? {} : { sideEffects: BODY_METHODS.has(method) }) });
            }}
          >
            <For each={DRAFT_METHODS}>{(method) => <option value={method}>{method}</option>}</For>
          </select>
        </Field>
        <Field ids={ids.url} label={t('url')} hint={t('urlHint')} problems={problemsFor('url')}>
          <input
            id={ids.url.id}
            aria-describedby={ids.url.describedBy()}
            aria-invalid={ids.url.invalid()}
            value={draft().url}
            autocomplete="off"
            spellcheck={false}
            inputMode="url"
            onInput={(event) => update('url', { url: event.currentTarget.value })}
          />
        </Field>
      </div>
      <Show when={props.origin()}>{(shown) => <p class="muted tool-form-origin">{t('origin', { origin: shown() })}</p>}</Show>
      <Show when={isPrivateOrigin(props.origin() ?? '')}>
        <p class="warning tool-form-private" role="note">
          {t('privateOrigin', { origin: props.origin() ?? '' })}
        </p>
      </Show>
      <Field ids={ids.headers} label={t('headers')} hint={t('headersHint')} problems={problemsFor('headers')}>
        <CodeArea ids={ids.headers} rows={3} value={draft().headers} onInput={(headers) => update('headers', { headers })} />
      </Field>
      <Show when={BODY_METHODS.has(draft().method)}>
        <Field ids={ids.body} label={t('body')} hint={t('bodyHint')} problems={problemsFor('body')}>
          <CodeArea ids={ids.body} rows={4} value={draft().body} onInput={(body) => update('body', { body })} />
        </Field>
      </Show>
      <Show when={props.origin()}>
        {(secretOrigin) => (
          <For each={props.secretIds()}>
            {(id) => {
              const secret = fieldIds(() => [], true);
              return (
                <Field
                  ids={secret}
                  label={t('secretValue', { id })}
                  hint={`${t('secretHint', { origin: secretOrigin() })} ${props.secretStored(id) ? t('secretStored') : t('secretMissing')}`}
                  problems={[]}
                >
                  <input
                    id={secret.id}
                    aria-describedby={secret.describedBy()}
                    type="password"
                    autocomplete="off"
                    value={props.secretValues()[id] ?? ''}
                    onInput={(event) => props.onSecretValue(id, event.currentTarget.value)}
                  />
                </Field>
              );
            }}
          </For>
        )}
      </Show>
    </>
  );
}
