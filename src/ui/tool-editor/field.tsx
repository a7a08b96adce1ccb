import { createUniqueId, Show, type JSX } from 'solid-js';
import type { FieldProblem } from '../../app/custom-tools/draft';

/** Ids and ARIA state for one labelled input (its hint and its own problems). */
export interface FieldIds {
  id: string;
  hintId: string;
  errorId: string;
  describedBy: () => string | undefined;
  invalid: () => 'true' | undefined;
}

/** Makes the ids of one field; `problems` is read reactively for its ARIA state. */
export function fieldIds(problems: () => FieldProblem[], hasHint: boolean): FieldIds {
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
export function Field(props: { ids: FieldIds; label: string; hint?: string; problems: FieldProblem[]; children: JSX.Element }) {
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

/** A monospaced text area inside a `Field`, bound to one draft field. */
export function CodeArea(props: { ids: FieldIds; rows: number; value: string; onInput: (value: string) => void }) {
  return (
    <textarea
      id={props.ids.id}
      aria-describedby={props.ids.describedBy()}
      aria-invalid={props.ids.invalid()}
      class="code-input"
      rows={props.rows}
      spellcheck={false}
      value={props.value}
      onInput={(event) => props.onInput(event.currentTarget.value)}
    />
  );
}
