import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { errorText } from '../errors/error-text';
import { createStore } from 'solid-js/store';
import { ErrorAlert } from '../components/error-alert';
import { t } from './messages';
import { isPrivateOrigin } from '../../app/network-targets';
import type { OpenApiPreview, OpenApiSource, ToolLibraryServices } from '../../app/tools/tool-library-services';

export interface OpenApiSectionProps {
  library: ToolLibraryServices;
  announce: (message: string) => void;
}

/** "Import OpenAPI": load a document from a URL or a file, preview its operations, choose some, give credentials, add. */
export function OpenApiSection(props: OpenApiSectionProps) {
  const headingId = createUniqueId();
  const urlId = createUniqueId();
  const fileId = createUniqueId();
  const baseId = createUniqueId();
  const baseHintId = createUniqueId();
  const credentialsHintId = createUniqueId();
  const [url, setUrl] = createSignal('');
  const [baseUrl, setBaseUrl] = createSignal('');
  const [busy, setBusy] = createSignal<'loading' | 'adding'>();
  const [error, setError] = createSignal<string>();
  const [preview, setPreview] = createSignal<OpenApiPreview>();
  const [chosen, setChosen] = createStore<Record<string, boolean>>({});
  const [secrets, setSecrets] = createStore<Record<string, string>>({});
  let fileInput: HTMLInputElement | undefined;

  const chosenKeys = () => (preview()?.operations ?? []).filter((operation) => chosen[operation.key]).map((operation) => operation.key);

  async function load(source: OpenApiSource): Promise<void> {
    setBusy('loading');
    setError(undefined);
    setPreview(undefined);
    try {
      const base = baseUrl().trim();
      const result = await props.library.previewOpenApi({ ...source, ...(base ? { serverUrl: base } : {}) });
      setChosen(Object.fromEntries(result.operations.map((operation) => [operation.key, true])));
      setSecrets(Object.fromEntries(result.securitySchemes.map((scheme) => [scheme.name, ''])));
      setPreview(result);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(undefined);
    }
  }

  async function loadFile(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      await load({ text: await file.text(), fileName: file.name });
    } finally {
      if (fileInput) fileInput.value = '';
    }
  }

  async function add(current: OpenApiPreview): Promise<void> {
    setBusy('adding');
    setError(undefined);
    try {
      const names = await props.library.addOpenApi(current, { operations: chosenKeys(), secrets: { ...secrets } });
      setPreview(undefined);
      setUrl('');
      props.announce(t('added', { count: names.length }));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(undefined);
    }
  }

  const selectAll = (value: boolean) => setChosen(Object.fromEntries((preview()?.operations ?? []).map((operation) => [operation.key, value])));

  return (
    <section class="tools-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('openapiHeading')}</h3>
      <p class="muted">{t('openapiIntro')}</p>
      <form
        class="tools-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (url().trim() && !busy()) void load({ url: url().trim() });
        }}
      >
        <div class="tools-form-row">
          <div class="field tools-grow">
            <label for={urlId}>{t('documentUrl')}</label>
            <input id={urlId} type="url" inputmode="url" value={url()} onInput={(event) => setUrl(event.currentTarget.value)} />
          </div>
          <button type="submit" disabled={busy() !== undefined || !url().trim()}>
            {t('load')}
          </button>
        </div>
        <div class="field">
          <label for={fileId}>{t('documentFile')}</label>
          <input
            id={fileId}
            ref={fileInput}
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            disabled={busy() !== undefined}
            onChange={(event) => void loadFile(event.currentTarget.files?.[0])}
          />
        </div>
        <div class="field">
          <label for={baseId}>{t('baseUrl')}</label>
          <input id={baseId} type="url" inputmode="url" aria-describedby={baseHintId} value={baseUrl()} onInput={(event) => setBaseUrl(event.currentTarget.value)} />
          <small id={baseHintId} class="muted">
            {t('baseUrlHint')}
          </small>
        </div>
      </form>
      <Show when={busy() === 'loading'}>
        <p role="status">{t('loading')}</p>
      </Show>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={preview()}>
        {(current) => (
          <div class="tools-preview">
            <h4>{t('previewTitle', { title: current().title, version: current().apiVersion })}</h4>
            <p class="muted">{t('previewSummary', { count: current().operations.length, spec: current().specVersion })}</p>
            <For each={[...new Set(current().operations.map((operation) => operation.origin))]}>
              {(origin) => (
                <>
                  <p class="muted tools-preview-origin">{t('previewOrigin', { origin })}</p>
                  <Show when={isPrivateOrigin(origin)}>
                    <p class="warning tools-preview-private" role="note">
                      {t('previewPrivate', { origin })}
                    </p>
                  </Show>
                </>
              )}
            </For>
            <fieldset>
              <legend>{t('operationsLegend')}</legend>
              <div class="tools-item-controls">
                <button type="button" class="link-button" onClick={() => selectAll(true)}>
                  {t('selectAll')}
                </button>
                <button type="button" class="link-button" onClick={() => selectAll(false)}>
                  {t('selectNone')}
                </button>
              </div>
              <ul class="tools-operations">
                <For each={current().operations}>
                  {(operation) => {
                    const id = createUniqueId();
                    return (
                      <li class="checkbox-field">
                        <input id={id} type="checkbox" checked={chosen[operation.key] === true} onChange={(event) => setChosen(operation.key, event.currentTarget.checked)} />
                        <label for={id}>
                          <code>{operation.name}</code> <span class="muted">{operation.key}</span>
                        </label>
                        <small class="muted">
                          {operation.description} · {operation.sideEffects ? t('asksApproval') : t('noApproval')}
                        </small>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </fieldset>
            <Show when={current().securitySchemes.length > 0}>
              <fieldset>
                <legend>{t('credentialsLegend')}</legend>
                <p id={credentialsHintId} class="muted">
                  {t('credentialsHint')}
                </p>
                <For each={current().securitySchemes}>
                  {(scheme) => {
                    const id = createUniqueId();
                    return (
                      <div class="field">
                        <label for={id}>
                          {scheme.name} ({scheme.label})
                        </label>
                        <input
                          id={id}
                          type="password"
                          autocomplete="off"
                          aria-describedby={credentialsHintId}
                          value={secrets[scheme.name] ?? ''}
                          onInput={(event) => setSecrets(scheme.name, event.currentTarget.value)}
                        />
                      </div>
                    );
                  }}
                </For>
              </fieldset>
            </Show>
            <Show when={current().skipped.length > 0}>
              <details>
                <summary>{t('skippedOperations', { count: current().skipped.length })}</summary>
                <ul>
                  <For each={current().skipped}>{(item) => <li>{`${item.operation}: ${item.reason}`}</li>}</For>
                </ul>
              </details>
            </Show>
            <div class="tools-item-controls">
              <button type="button" class="primary" disabled={busy() !== undefined || chosenKeys().length === 0} onClick={() => void add(current())}>
                {busy() === 'adding' ? t('adding') : t('add', { count: chosenKeys().length })}
              </button>
              <button type="button" onClick={() => setPreview(undefined)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
