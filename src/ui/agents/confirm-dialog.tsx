import { createUniqueId, onMount } from 'solid-js';

export interface ConfirmDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question with two buttons (an `alertdialog`: it interrupts). Focus starts on Cancel, the
 * safe choice; Escape cancels.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  let cancelButton: HTMLButtonElement | undefined;
  const titleId = createUniqueId();
  const textId = createUniqueId();
  onMount(() => {
    if (dialog && !dialog.open) dialog.showModal();
    cancelButton?.focus();
  });
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <p id={textId}>{props.text}</p>
      <div class="dialog-actions">
        <button type="button" ref={cancelButton} onClick={() => props.onCancel()}>
          {props.cancelLabel}
        </button>
        <button type="button" class="danger" onClick={() => props.onConfirm()}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
