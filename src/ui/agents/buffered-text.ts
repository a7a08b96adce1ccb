import { createEffect, createSignal, on, type Accessor } from 'solid-js';

/**
 * A text field's own text over a value kept elsewhere (the draft). Typing commits each change, but
 * the field keeps what was typed ("0." in a number, an empty line in a list) instead of showing the
 * value's normal form back; a change made elsewhere (the agent builder) replaces the text.
 */
export function createBufferedText(source: () => string, commit: (text: string) => void): [Accessor<string>, (text: string) => void] {
  const [text, setText] = createSignal(source());
  // Solid runs effects within the store write itself: while our own commit runs, a change of the
  // source is ours and must not overwrite the text being typed.
  let committing = false;
  createEffect(
    on(
      source,
      (value) => {
        if (!committing) setText(value);
      },
      { defer: true },
    ),
  );
  const input = (value: string): void => {
    setText(value);
    committing = true;
    try {
      commit(value);
    } finally {
      committing = false;
    }
  };
  return [text, input];
}
