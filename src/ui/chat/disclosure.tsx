import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';

/**
 * A button that shows and hides a panel beside it (aria-expanded, aria-controls). Escape inside the
 * panel closes it and hands the focus back to the button, so keyboard users are never stranded.
 */
export function Disclosure(props: { label: string; class?: string; children: (close: () => void) => JSX.Element }) {
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  const close = (): void => {
    setOpen(false);
    button?.focus();
  };
  return (
    <div
      class={`disclosure ${props.class ?? ''}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open()) {
          event.preventDefault();
          close();
        }
      }}
    >
      <button type="button" ref={button} aria-expanded={open()} aria-controls={panelId} onClick={() => setOpen(!open())}>
        {props.label}
      </button>
      <Show when={open()}>
        <div id={panelId} class="disclosure-panel">
          {props.children(close)}
        </div>
      </Show>
    </div>
  );
}
