import { Show, type JSX } from 'solid-js';

export interface RemovableChipProps {
  /** The remove button's accessible name, in full ("Remove <name>"): tests and screen readers find the button by it. */
  removeLabel: string;
  /** Absent: the chip only shows (no button), as in a sent message or an entry managed elsewhere. */
  onRemove?: (() => void) | undefined;
  /** The list item's class. */
  class?: string;
  /** The list item's tooltip. */
  title?: string;
  /** The remove button's class (default: none). */
  buttonClass?: string;
  /** What the remove button shows (default `×`). */
  buttonText?: JSX.Element;
  children: JSX.Element;
}

/**
 * One removable entry of a list (`<li>`): what it shows, then a button named `removeLabel` that
 * calls `onRemove`. Attached resources, image thumbnails and saved secrets use it, so every such
 * button is built and named the same way.
 */
export function RemovableChip(props: RemovableChipProps) {
  return (
    <li class={props.class} title={props.title}>
      {props.children}
      <Show when={props.onRemove}>
        {(remove) => (
          <button type="button" class={props.buttonClass} aria-label={props.removeLabel} onClick={() => remove()()}>
            {props.buttonText ?? '×'}
          </button>
        )}
      </Show>
    </li>
  );
}
