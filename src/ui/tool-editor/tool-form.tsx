import { createMemo, createResource, createSignal, createUniqueId, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { errorText } from '../errors/error-text';
import type { ToolResult } from '../../core/tool-runner';
import { BODY_METHODS, HTTP_METHODS, type HttpMethod } from '../../tools/custom/implementation';
import type { ToolManifest } from '../../tools/manifest';
import type { CustomToolServices } from '../../app/custom-tools/custom-tool-services';
import { draftOrigin, draftToManifest, type EditorField, type FieldProblem, type ToolDraft, type ToolType } from './draft';
import { t } from './messages';

export interface ToolFormProps {
  services: CustomToolServices;
  initial: ToolDraft;
  /** The saved tool's name when editing one; absent for a new tool. */
  editing?: string;
  /** Names of the other saved custom tools (a new name must not collide with them). */
  customNames: readonly string[];
  onSaved: (manifest: Readonly<ToolManifest>) => void;
  onClose: () => void;
}

interface TestOutcome {
  ok: boolean;
  text: string;
  ms: number;
}

/** Pretty-prints JSON text; other text is shown as it is. */
function pretty(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), null, 2);
  } catch {
    return content;
  }
}

/** Ids and ARIA state for one labelled input (its hint and its own problems). */
interface FieldIds {
  id: string;
  hintId: string;
  errorId: string;
  describedBy: () => string | undefined;
  invalid: () => 'true' | undefined;
}

function fieldIds(problems: () => FieldProblem[], hasHint: boolean): FieldIds {
  const id = createUniqueId();
  const hintId = createUniqueId();
  const errorId = createUniqueId();
  return {
    id,
    hintId,
    errorId,
    describedBy: () => [hasHint ? hintId : '', problems().length > 0 ? errorId : ''].filter(Boolean).join(' ') || undefined,
    invalid: () => (problems().length > 0 ? 'true' : undefined),
  };
}

/** The label, hint and problems around one input; the input itself is created once (typing never loses focus). */
function Field(props: { ids: FieldIds; label: string; hint?: string; problems: FieldProblem[]; children: JSX.Element }) {
  return (
    <div class="field">
      <label for={props.ids.id}>{props.label}</label>
      {props.children}
      <Show when={props.hint}>
        <small id={props.ids.hintId} class="muted">
          {props.hint}
        </small>
      </Show>
      <Show when={props.problems.length > 0}>
        <small id={props.ids.errorId} class="field-error">
          {props.problems.map((item) => item.message).join('; ')}
        </small>
      </Show>
    </div>
  );
}

/**
 * The editor for one custom tool: an HTTP request template or sandboxed JavaScript, its
 * parameters' JSON Schema, secret values, a Test button and Save. The manifest is validated as
 * the person types, with the same checks the registry applies.
 */
export function ToolForm(props: ToolFormProps) {
  const headingId = createUniqueId();
  const problemsId = createUniqueId();
  const [draft, setDraft] = createSignal<ToolDraft>({ ...props.initial });
  const [touched, setTouched] = createSignal<ReadonlySet<EditorField>>(new Set());
  const [showAll, setShowAll] = createSignal(props.editing !== undefined);
  const [sideEffectsChosen, setSideEffectsChosen] = createSignal(props.editing !== undefined);
  const [secretValues, setSecretValues] = createSignal<Record<string, string>>({});
  const [sample, setSample] = createSignal(JSON.stringify(props.initial.examples[0]?.arguments ?? {}, null, 2));
  const [testOutcome, setTestOutcome] = createSignal<TestOutcome>();
  const [testing, setTesting] = createSignal<AbortController>();
  const [saving, setSaving] = createSignal(false);
  const [saveError, setSaveError] = createSignal<string>();
  let nameInput: HTMLInputElement | undefined;
  let problemsRegion: HTMLDivElement | undefined;

  onMount(() => nameInput?.focus());
  onCleanup(() => testing()?.abort());

  const update = (field: EditorField, change: Partial<ToolDraft>) => {
    setDraft({ ...draft(), ...change });
    if (!touched().has(field)) setTouched(new Set([...touched(), field]));
    setSaveError(undefined);
  };

  const built = createMemo(() => draftToManifest(draft()));
  const nameProblems = createMemo((): FieldProblem[] => {
    const name = built().manifest.name;
    if (name === '' || name === props.editing) return [];
    if (props.services.reservedNames().includes(name)) {
      return [{ path: 'name', field: 'name', message: `"${name}" is the name of a built-in or imported tool; choose another` }];
    }
    if (props.customNames.includes(name)) return [{ path: 'name', field: 'name', message: `another custom tool is already named "${name}"` }];
    return [];
  });
  const allProblems = createMemo(() => [...nameProblems(), ...built().problems]);
  const shownProblems = createMemo(() => (showAll() ? allProblems() : allProblems().filter((item) => touched().has(item.field))));
  const problemsFor = (field: EditorField) => shownProblems().filter((item) => item.field === field);
  const origin = createMemo(() => draftOrigin(draft()));
  const secretIds = createMemo(() => (built().manifest.secrets ?? []).map((secret) => secret.name));
  const [secretStatus] = createResource(
    () => {
      const currentOrigin = origin();
      return currentOrigin && secretIds().length > 0 ? { ids: secretIds(), origin: currentOrigin } : undefined;
    },
    ({ ids, origin: currentOrigin }) => props.services.secretStatus(ids, currentOrigin).catch(() => ({}) as Record<string, boolean>),
  );

  const revealProblems = (): boolean => {
    if (allProblems().length === 0) return true;
    setShowAll(true);
    problemsRegion?.focus();
    return false;
  };

  const runTest = async () => {
    setTestOutcome(undefined);
    if (!revealProblems()) return;
    let args: unknown;
    try {
      args = JSON.parse(sample());
      if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new Error('it must be an object like {"city": "Paris"}');
    } catch (error) {
      setTestOutcome({ ok: false, text: t('sampleInvalid', { reason: errorText(error) }), ms: 0 });
      return;
    }
    const controller = new AbortController();
    setTesting(controller);
    let result: ToolResult;
    try {
      result = await props.services.test(built().manifest, args as Record<string, unknown>, { signal: controller.signal, secretValues: secretValues() });
    } catch (error) {
      result = { isError: true, content: errorText(error), durationMs: 0 };
    } finally {
      setTesting(undefined);
    }
    const text = result.isError && result.error ? result.error.message : pretty(result.content);
    setTestOutcome({ ok: !result.isError, text, ms: Math.round(result.durationMs) });
  };

  const save = async () => {
    setSaveError(undefined);
    if (!revealProblems()) return;
    setSaving(true);
    try {
      const saved = await props.services.save(built().manifest, {
        ...(props.editing !== undefined ? { previousName: props.editing } : {}),
        secretValues: secretValues(),
      });
      props.onSaved(saved);
    } catch (error) {
      setSaveError(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const setType = (type: ToolType) => {
    const current = draft();
    update('other', {
      type,
      ...(type === 'javascript' && current.code.trim() === '' ? { code: '// `args` holds the call\'s arguments; return the result.\nreturn args;' } : {}),
      ...(type === 'http' && current.url.trim() === '' ? { url: 'https://' } : {}),
    });
  };

  const ids = {
    name: fieldIds(() => problemsFor('name'), true),
    description: fieldIds(() => problemsFor('description'), true),
    method: fieldIds(() => [], false),
    url: fieldIds(() => problemsFor('url'), true),
    headers: fieldIds(() => problemsFor('headers'), true),
    body: fieldIds(() => problemsFor('body'), true),
    code: fieldIds(() => problemsFor('code'), true),
    parameters: fieldIds(() => problemsFor('parameters'), true),
    sample: fieldIds(() => [], false),
  };
  const sideEffectsId = createUniqueId();

  return (
    <form
      class="tool-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h4 id={headingId}>{props.editing !== undefined ? t('formEdit', { name: props.editing }) : t('formNew')}</h4>

      <fieldset class="tool-form-type">
        <legend>{t('type')}</legend>
        <For each={['http', 'javascript'] as const}>
          {(type) => {
            const id = createUniqueId();
            return (
              <span class="tool-form-choice">
                <input id={id} type="radio" name={`${headingId}-type`} checked={draft().type === type} onChange={() => setType(type)} />
                <label for={id}>{type === 'http' ? t('kindHttp') : t('kindJavaScript')}</label>
              </span>
            );
          }}
        </For>
      </fieldset>

      <Field ids={ids.name} label={t('name')} hint={t('nameHint')} problems={problemsFor('name')}>
        <input
          id={ids.name.id}
          aria-describedby={ids.name.describedBy()}
          aria-invalid={ids.name.invalid()}
          ref={nameInput}
          value={draft().name}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => update('name', { name: event.currentTarget.value })}
        />
      </Field>
      <Field ids={ids.description} label={t('description')} hint={t('descriptionHint')} problems={problemsFor('description')}>
        <textarea
          id={ids.description.id}
          aria-describedby={ids.description.describedBy()}
          aria-invalid={ids.description.invalid()}
          rows={2}
          value={draft().description}
          onInput={(event) => update('description', { description: event.currentTarget.value })}
        />
      </Field>

      <Show when={draft().type === 'http'}>
        <div class="tool-form-row">
          <Field ids={ids.method} label={t('method')} problems={[]}>
            <select
              id={ids.method.id}
              value={draft().method}
              onChange={(event) => {
                const method = event.currentTarget.value as HttpMethod;
                // Until the person decides, requests that change things ask first.
                update('other', { method, ...(sideEffectsChosen() ? {} : { sideEffects: BODY_METHODS.has(method) }) });
              }}
            >
              <For each={HTTP_METHODS}>{(method) => <option value={method}>{method}</option>}</For>
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
        <Show when={origin()}>{(shown) => <p class="muted tool-form-origin">{t('origin', { origin: shown() })}</p>}</Show>
        <Field ids={ids.headers} label={t('headers')} hint={t('headersHint')} problems={problemsFor('headers')}>
          <textarea
            id={ids.headers.id}
            aria-describedby={ids.headers.describedBy()}
            aria-invalid={ids.headers.invalid()}
            class="code-input"
            rows={3}
            spellcheck={false}
            value={draft().headers}
            onInput={(event) => update('headers', { headers: event.currentTarget.value })}
          />
        </Field>
        <Show when={BODY_METHODS.has(draft().method)}>
          <Field ids={ids.body} label={t('body')} hint={t('bodyHint')} problems={problemsFor('body')}>
            <textarea
              id={ids.body.id}
              aria-describedby={ids.body.describedBy()}
              aria-invalid={ids.body.invalid()}
              class="code-input"
              rows={4}
              spellcheck={false}
              value={draft().body}
              onInput={(event) => update('body', { body: event.currentTarget.value })}
            />
          </Field>
        </Show>
        <Show when={origin()}>
          {(secretOrigin) => (
            <For each={secretIds()}>
              {(id) => {
                const secret = fieldIds(() => [], true);
                return (
                  <Field
                    ids={secret}
                    label={t('secretValue', { id })}
                    hint={`${t('secretHint', { origin: secretOrigin() })} ${secretStatus()?.[id] ? t('secretStored') : t('secretMissing')}`}
                    problems={[]}
                  >
                    <input
                      id={secret.id}
                      aria-describedby={secret.describedBy()}
                      type="password"
                      autocomplete="off"
                      value={secretValues()[id] ?? ''}
                      onInput={(event) => setSecretValues({ ...secretValues(), [id]: event.currentTarget.value })}
                    />
                  </Field>
                );
              }}
            </For>
          )}
        </Show>
      </Show>

      <Show when={draft().type === 'javascript'}>
        <Field ids={ids.code} label={t('code')} hint={t('codeHint')} problems={problemsFor('code')}>
          <textarea
            id={ids.code.id}
            aria-describedby={ids.code.describedBy()}
            aria-invalid={ids.code.invalid()}
            class="code-input"
            rows={8}
            spellcheck={false}
            value={draft().code}
            onInput={(event) => update('code', { code: event.currentTarget.value })}
          />
        </Field>
      </Show>

      <Field ids={ids.parameters} label={t('parameters')} hint={t('parametersHint')} problems={problemsFor('parameters')}>
        <textarea
          id={ids.parameters.id}
          aria-describedby={ids.parameters.describedBy()}
          aria-invalid={ids.parameters.invalid()}
          class="code-input"
          rows={8}
          spellcheck={false}
          value={draft().parameters}
          onInput={(event) => update('parameters', { parameters: event.currentTarget.value })}
        />
      </Field>

      <div class="checkbox-field">
        <input
          id={sideEffectsId}
          type="checkbox"
          checked={draft().sideEffects}
          onChange={(event) => {
            setSideEffectsChosen(true);
            update('other', { sideEffects: event.currentTarget.checked });
          }}
        />
        <label for={sideEffectsId}>{t('sideEffects')}</label>
      </div>

      <div ref={problemsRegion} id={problemsId} class="tool-form-problems" tabindex="-1" aria-live="polite">
        <Show when={shownProblems().length > 0} fallback={<Show when={touched().size > 0 || showAll()}>{<p class="muted">{t('noProblems')}</p>}</Show>}>
          <p class="field-error">{t('problemsHeading', { count: shownProblems().length })}</p>
          <ul>
            <For each={shownProblems()}>
              {(item) => (
                <li>
                  <Show when={item.path}>
                    <code>{item.path}</code>:{' '}
                  </Show>
                  {item.message}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>

      <fieldset class="tool-form-test">
        <legend>{t('test')}</legend>
        <Field ids={ids.sample} label={t('sampleArguments')} problems={[]}>
          <textarea id={ids.sample.id} class="code-input" rows={3} spellcheck={false} value={sample()} onInput={(event) => setSample(event.currentTarget.value)} />
        </Field>
        <div class="tool-form-actions">
          <Show
            when={testing()}
            fallback={
              <button type="button" onClick={() => void runTest()}>
                {t('test')}
              </button>
            }
          >
            {(controller) => (
              <button type="button" onClick={() => controller().abort()}>
                {t('stopTest')}
              </button>
            )}
          </Show>
        </div>
        <div class="tool-form-test-result" aria-live="polite">
          <Show when={testing()}>
            <p class="muted">{t('testing')}</p>
          </Show>
          <Show when={testOutcome()}>
            {(outcome) => (
              <>
                <p class={outcome().ok ? 'tool-form-ok' : 'field-error'}>{outcome().ok ? t('testOk', { ms: outcome().ms }) : t('testFailed', { ms: outcome().ms })}</p>
                <pre class="tool-form-output">{outcome().text}</pre>
              </>
            )}
          </Show>
        </div>
      </fieldset>

      <Show when={saveError()}>
        {(message) => (
          <div role="alert" class="error-alert">
            {message()}
          </div>
        )}
      </Show>
      <div class="tool-form-actions">
        <button type="submit" class="primary" disabled={saving()}>
          {saving() ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={() => props.onClose()}>
          {t('close')}
        </button>
      </div>
    </form>
  );
}
