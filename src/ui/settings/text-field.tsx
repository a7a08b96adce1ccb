import { createUniqueId, Show } from 'solid-js';

export interface TextFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'url';
  placeholder?: string;
  hint?: string;
}

/** A labelled single-line input, with an optional hint read out as its description. */
export function TextField(props: TextFieldProps) {
  const id = createUniqueId();
  const hintId = createUniqueId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        autocomplete="off"
        spellcheck={false}
        aria-describedby={props.hint ? hintId : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <Show when={props.hint}>
        <small id={hintId} class="muted">
          {props.hint}
        </small>
      </Show>
    </div>
  );
}
