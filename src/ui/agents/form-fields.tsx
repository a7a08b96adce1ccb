import { createUniqueId, For, Show, type JSX } from 'solid-js';

interface FieldProps {
  label: string;
  hint?: string;
  /** The field's text. */
  value: string;
  onInput: (value: string) => void;
  disabled?: boolean;
}

/** The hint's id when there is one, for `aria-describedby`. */
function hintOf(props: { hint?: string }, id: string): JSX.Element {
  return (
    <Show when={props.hint}>
      <small id={id} class="muted">
        {props.hint}
      </small>
    </Show>
  );
}

/** A labelled one-line input (`type` text, number, url…). */
export function TextField(props: FieldProps & { type?: string; min?: number; max?: number; step?: string; required?: boolean }) {
  const id = createUniqueId();
  const hintId = createUniqueId();
  return (
    <div class="agent-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step}
        required={props.required}
        disabled={props.disabled}
        aria-describedby={props.hint ? hintId : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {hintOf(props, hintId)}
    </div>
  );
}

/** A labelled text area. */
export function TextAreaField(props: FieldProps & { rows?: number }) {
  const id = createUniqueId();
  const hintId = createUniqueId();
  return (
    <div class="agent-field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 3}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={props.hint ? hintId : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {hintOf(props, hintId)}
    </div>
  );
}

/** A labelled select over fixed options. */
export function SelectField<V extends string>(props: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
}) {
  const id = createUniqueId();
  return (
    <div class="agent-field">
      <label for={id}>{props.label}</label>
      <select id={id} disabled={props.disabled} onChange={(event) => props.onChange(event.currentTarget.value as V)}>
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
