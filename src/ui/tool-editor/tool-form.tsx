import { createMemo, createResource, createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { draftOrigin, draftToManifest, type EditorField, type FieldProblem, type ToolDraft, type ToolType } from '../../app/custom-tools/draft';
import type { CustomToolServices } from '../../app/custom-tools/custom-tool-services';
import type { ToolManifest } from '../../tools/manifest';
import { errorText } from '../errors/error-text';
import type { DraftEditing } from './draft-editing';
import { CodeArea, Field, fieldIds } from './field';
import { HttpFields } from './http-fields';
import { JavaScriptFields } from './javascript-fields';
import { t } from './messages';
import { TestRunner } from './test-runner';

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
  const [saving, setSaving] = createSignal(false);
  const [saveError, setSaveError] = createSignal<string>();
  let nameInput: HTMLInputElement | undefined;
  let problemsRegion: HTMLDivElement | undefined;

  onMount(() => nameInput?.focus());

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
    parameters: fieldIds(() => problemsFor('parameters'), true),
  };
  const editing: DraftEditing = { draft, update, problemsFor };
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
        <HttpFields
          editing={editing}
          origin={origin}
          secretIds={secretIds}
          secretStored={(id) => secretStatus()?.[id] === true}
          secretValues={secretValues}
          onSecretValue={(id, value) => setSecretValues({ ...secretValues(), [id]: value })}
          sideEffectsChosen={sideEffectsChosen}
        />
      </Show>
      <Show when={draft().type === 'javascript'}>
        <JavaScriptFields editing={editing} />
      </Show>

      <Field ids={ids.parameters} label={t('parameters')} hint={t('parametersHint')} problems={problemsFor('parameters')}>
        <CodeArea ids={ids.parameters} rows={8} value={draft().parameters} onInput={(parameters) => update('parameters', { parameters })} />
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

      <TestRunner
        test={(manifest, args, options) => props.services.test(manifest, args, options)}
        manifest={() => built().manifest}
        secretValues={secretValues}
        initialSample={JSON.stringify(props.initial.examples[0]?.arguments ?? {}, null, 2)}
        revealProblems={revealProblems}
      />

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
