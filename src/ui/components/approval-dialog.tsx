import { createUniqueId, onMount } from 'solid-js';
import type { ApprovalDecision } from '../../core/tool-runner';
import type { ToolCall } from '../../core/types';
import { prettyJson } from './format';

/**
 * Asks the person about one side-effecting call, showing its exact tool name and arguments.
 * A modal <dialog>: focus starts on "Deny" (the safe choice), Tab reaches "Allow once",
 * Escape denies.
 */
export function ApprovalDialog(props: { call: Readonly<ToolCall>; onDecision: (decision: ApprovalDecision) => void }) {
  let dialog: HTMLDialogElement | undefined;
  let denyButton: HTMLButtonElement | undefined;
  const titleId = createUniqueId();
  const descriptionId = createUniqueId();
  let decided = false;
  const decide = (decision: ApprovalDecision): void => {
    if (decided) return;
    decided = true;
    props.onDecision(decision);
  };

  onMount(() => {
    if (dialog && !dialog.open) dialog.showModal();
    denyButton?.focus();
  });

  return (
    <dialog
      ref={dialog}
      class="approval-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        decide('deny');
      }}
    >
      <h2 id={titleId}>Allow this tool call?</h2>
      <p id={descriptionId}>
        The agent wants to run <strong class="approval-tool-name">{props.call.name}</strong>, which can have effects outside
        this page. It will run only with exactly these arguments:
      </p>
      <pre class="approval-arguments" aria-label="Arguments">
        {prettyJson(props.call.arguments)}
      </pre>
      <div class="dialog-actions">
        <button type="button" ref={denyButton} onClick={() => decide('deny')}>
          Deny
        </button>
        <button type="button" class="primary" onClick={() => decide('allow')}>
          Allow once
        </button>
      </div>
    </dialog>
  );
}
