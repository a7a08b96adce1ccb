import { createUniqueId, onMount } from 'solid-js';
import type { TurnSource } from '../chat/transcript';
import { t } from './messages';
import './citations.css';

export interface CitationDialogProps {
  /** The source's number in the answer (1-based). */
  number: number;
  source: TurnSource;
  onClose: () => void;
}

/**
 * The passage an answer cites: its document and page or heading (the source's title) and the
 * quoted text, as plain text. A modal <dialog>: Escape or Close returns to the answer.
 */
export function CitationDialog(props: CitationDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  let closeButton: HTMLButtonElement | undefined;
  const titleId = createUniqueId();
  const sourceId = createUniqueId();
  onMount(() => {
    if (dialog && !dialog.open) dialog.showModal();
    closeButton?.focus();
  });
  return (
    <dialog
      ref={dialog}
      class="citation-dialog"
      aria-labelledby={titleId}
      aria-describedby={sourceId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{t('dialogTitle', { n: props.number })}</h2>
      <p id={sourceId} class="citation-source">
        {props.source.title}
      </p>
      <blockquote class="citation-passage" aria-label={t('passage')}>
        {props.source.text}
      </blockquote>
      <div class="dialog-actions">
        <button type="button" ref={closeButton} onClick={() => props.onClose()}>
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}
