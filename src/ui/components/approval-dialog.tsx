import { createUniqueId, For, onMount, Show } from 'solid-js';
import type { ApprovalDecision, ApprovalDetails } from '../../core/tool-runner';
import type { ToolCall } from '../../core/types';
import { prettyJson } from './format';
import { t } from './messages';
import './approval-dialog.css';

/**
 * Asks the person about one call that acts on the world or, with outside text in the context,
 * could send data away: its exact tool name and arguments, why it is asked, and what it will
 * send where (origins, and the exact requests when the tool can tell, with secrets shown as
 * `‹secret: label›`). A modal <dialog>: focus starts on "Deny" (the safe choice), Tab reaches
 * "Allow once", Escape denies.
 */
export function ApprovalDialog(props: {
  call: Readonly<ToolCall>;
  details?: Readonly<ApprovalDetails>;
  onDecision: (decision: ApprovalDecision) => void;
}) {
  const untrusted = (): boolean => props.details?.reasons.includes('untrusted-context') ?? false;
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
      <h2 id={titleId}>{t('approvalTitle')}</h2>
      <p id={descriptionId}>
        {t('approvalBefore')}
        <strong class="approval-tool-name">{props.call.name}</strong>
        {t('approvalAfter')}
      </p>
      <Show when={untrusted()}>
        <p class="approval-warning" role="note">
          {t('untrustedWarning', { sources: (props.details?.untrustedSources ?? []).join(', ') || '—' })}
        </p>
      </Show>
      <pre class="approval-arguments" aria-label={t('arguments')}>
        {prettyJson(props.call.arguments)}
      </pre>
      <Show when={props.details}>
        {(details) => (
          <div class="approval-destination">
            <p>
              {details().destinations.length > 0 ? t('sendsTo', { origins: details().destinations.join(', ') }) : t('sendsNowhere')}
            </p>
            <For each={details().requests ?? []}>
              {(request) => (
                <pre class="approval-request" aria-label={t('request')}>
                  {`${request.method} ${request.url}`}
                  {Object.entries(request.headers ?? {})
                    .map(([name, value]) => `\n${name}: ${value}`)
                    .join('')}
                  {request.body !== undefined ? `\n\n${request.body}` : ''}
                </pre>
              )}
            </For>
          </div>
        )}
      </Show>
      <div class="dialog-actions">
        <button type="button" ref={denyButton} onClick={() => decide('deny')}>
          {t('deny')}
        </button>
        <button type="button" class="primary" onClick={() => decide('allow')}>
          {t('allowOnce')}
        </button>
      </div>
    </dialog>
  );
}
