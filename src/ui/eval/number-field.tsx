import { createUniqueId } from 'solid-js';

/** What a {@link NumberField} shows and where its typed text goes. */
export interface NumberFieldProps {
  /** The visible label, which is also the input's accessible name. */
  label: string;
  value: string | number;
  /** The raw text as typed; the caller parses and clamps it, since each field has its own rule. */
  onInput: (text: string) => void;
  min: string;
  max?: string;
  step: string;
  /** The on-screen keyboard: whole numbers or decimals. */
  inputmode: 'numeric' | 'decimal';
  /** Extra classes beside `field`, for a page-specific width. */
  class?: string;
}

/** A labelled number input in the eval page's `field` layout (the run form and the export panel share it). */
export function NumberField(props: NumberFieldProps) {
  const id = createUniqueId();
  return (
    <div class={props.class ? `field ${props.class}` : 'field'}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        inputmode={props.inputmode}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </div>
  );
}
