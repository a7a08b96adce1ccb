import { createSignal, For, Show } from 'solid-js';
import type { ResourceTemplateInfo } from '../../app/tools/mcp-content';
import { t } from './composer-mcp-messages';

export interface TemplateFormProps {
  template: ResourceTemplateInfo;
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => Promise<void>;
  onCancel: () => void;
  /** Whether the first field takes focus when the form appears (default true: it was just asked for). */
  focusOnMount?: boolean;
}

/** A resource template's variables as a small form (every variable is asked for; labels are their names). */
export function TemplateForm(props: TemplateFormProps) {
  const [missing, setMissing] = createSignal<ReadonlySet<string>>(new Set());
  const [error, setError] = createSignal<string | undefined>();
  return (
    <form
      class="template-form"
      aria-label={t('templateForm', { name: props.template.name })}
      noValidate
      ref={(element) => {
        if (props.focusOnMount !== false) queueMicrotask(() => element.querySelector('input')?.focus());
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        props.onCancel();
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const values = Object.fromEntries(props.template.variables.map((name) => [name, String(data.get(name) ?? '').trim()]));
        const empty = props.template.variables.filter((name) => values[name] === '');
        setMissing(new Set(empty));
        if (empty.length > 0) {
          setError(t('missing', { names: empty.join(', ') }));
          return;
        }
        setError(undefined);
        props.onSubmit(values).catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
      }}
    >
      <code>{props.template.uriTemplate}</code>
      <For each={props.template.variables}>
        {(name) => (
          <label class="template-variable">
            <span>{name}</span>
            <input name={name} aria-required="true" aria-invalid={missing().has(name) ? 'true' : undefined} />
          </label>
        )}
      </For>
      <div class="template-form-buttons">
        <button type="submit" class="primary">
          {props.submitLabel}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          {t('cancel')}
        </button>
      </div>
      <Show when={error()}>{(message) => <p role="alert">{message()}</p>}</Show>
    </form>
  );
}
