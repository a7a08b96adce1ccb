import { createSignal, createUniqueId, For, from, onMount, Show, type Accessor } from 'solid-js';
import { elicitationContent, elicitationErrors, type ElicitationField, type McpElicitation } from '../../app/tools/elicitation-form';
import type { PendingServerRequest, ServerRequestQueue } from '../../app/tools/server-requests';
import { ApprovalDialog } from '../components/approval-dialog';
import { t } from './messages';

type FormValue = string | boolean | string[];

function initialValue(field: ElicitationField): FormValue {
  if (field.type === 'boolean') return field.default === true;
  if (field.type === 'choices') return Array.isArray(field.default) ? field.default : [];
  return field.default === undefined || Array.isArray(field.default) ? '' : String(field.default);
}

function inputType(field: ElicitationField): string {
  if (field.type === 'number' || field.type === 'integer') return 'number';
  if (field.format === 'email') return 'email';
  if (field.format === 'uri') return 'url';
  if (field.format === 'date') return 'date';
  return 'text';
}

/** A server's form (elicitation, form mode): built from its schema, checked before Accept sends it. */
function ElicitationForm(props: { request: Extract<McpElicitation, { mode: 'form' }>; onAnswer: Extract<PendingServerRequest, { kind: 'elicitation' }>['answer'] }) {
  const titleId = createUniqueId();
  const [values, setValues] = createSignal<Record<string, FormValue>>(Object.fromEntries(props.request.fields.map((field) => [field.name, initialValue(field)])));
  const [errors, setErrors] = createSignal<string[]>([]);
  let dialog: HTMLDialogElement | undefined;
  onMount(() => dialog?.showModal());
  const set = (name: string, value: FormValue): void => {
    setValues({ ...values(), [name]: value });
  };
  const accept = (event: SubmitEvent): void => {
    event.preventDefault();
    const content = elicitationContent(props.request.fields, values());
    const problems = elicitationErrors(props.request.schema, content);
    setErrors(problems);
    if (problems.length === 0) props.onAnswer({ action: 'accept', content });
  };
  return (
    <dialog
      ref={dialog}
      class="approval-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onAnswer({ action: 'cancel' });
      }}
    >
      <form onSubmit={accept}>
        <h2 id={titleId}>{t('elicitationTitle', { server: props.request.server.name })}</h2>
        <p>{props.request.message}</p>
        <For each={props.request.fields}>
          {(field) => {
            const id = createUniqueId();
            return (
              <div class="field">
                <Show
                  when={field.type === 'boolean'}
                  fallback={
                    <>
                      <label for={id}>
                        {field.label}
                        {field.required ? ' *' : ''}
                      </label>
                      <Show
                        when={field.options}
                        fallback={
                          <input
                            id={id}
                            type={inputType(field)}
                            // A number field takes any number (3.14): the browser's default step of 1 would refuse to submit it silently.
                            step={field.type === 'number' ? 'any' : undefined}
                            required={field.required}
                            value={String(values()[field.name] ?? '')}
                            onInput={(event) => set(field.name, event.currentTarget.value)}
                          />
                        }
                      >
                        {(options) => (
                          <select
                            id={id}
                            multiple={field.type === 'choices'}
                            required={field.required}
                            onChange={(event) =>
                              set(field.name, field.type === 'choices' ? [...event.currentTarget.selectedOptions].map((option) => option.value) : event.currentTarget.value)
                            }
                          >
                            <Show when={field.type === 'choice'}>
                              <option value="">—</option>
                            </Show>
                            <For each={options()}>{(option) => <option value={option.value} selected={[values()[field.name]].flat().includes(option.value)}>{option.label}</option>}</For>
                          </select>
                        )}
                      </Show>
                    </>
                  }
                >
                  <label>
                    <input type="checkbox" checked={values()[field.name] === true} onChange={(event) => set(field.name, event.currentTarget.checked)} /> {field.label}
                  </label>
                </Show>
                <Show when={field.description}>{(description) => <small class="muted">{description()}</small>}</Show>
              </div>
            );
          }}
        </For>
        <Show when={errors().length > 0}>
          <ul role="alert" class="tools-error-text">
            <For each={errors()}>{(problem) => <li>{problem}</li>}</For>
          </ul>
        </Show>
        <div class="dialog-actions">
          <button type="button" onClick={() => props.onAnswer({ action: 'cancel' })}>
            {t('cancel')}
          </button>
          <button type="button" onClick={() => props.onAnswer({ action: 'decline' })}>
            {t('decline')}
          </button>
          <button type="submit" class="primary">
            {t('accept')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** URL-mode elicitation: the address is shown; it opens only on the person's click. */
function ElicitationUrl(props: { request: Extract<McpElicitation, { mode: 'url' }>; onAnswer: Extract<PendingServerRequest, { kind: 'elicitation' }>['answer'] }) {
  const titleId = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  onMount(() => dialog?.showModal());
  const safe = /^https?:\/\//i.test(props.request.url);
  return (
    <dialog
      ref={dialog}
      class="approval-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onAnswer({ action: 'cancel' });
      }}
    >
      <h2 id={titleId}>{t('elicitationUrlTitle', { server: props.request.server.name })}</h2>
      <p>{props.request.message}</p>
      <pre class="approval-arguments">{props.request.url}</pre>
      <p class="muted">{t('elicitationUrlHint')}</p>
      <div class="dialog-actions">
        <button type="button" onClick={() => props.onAnswer({ action: 'cancel' })}>
          {t('cancel')}
        </button>
        <button type="button" onClick={() => props.onAnswer({ action: 'decline' })}>
          {t('decline')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={!safe}
          onClick={() => {
            // Only http(s), in a new tab that cannot reach back to this one.
            window.open(props.request.url, '_blank', 'noopener,noreferrer');
            props.onAnswer({ action: 'accept' });
          }}
        >
          {t('openUrl')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * Shows the MCP servers' requests to the person, one at a time: sampling in the tool approval
 * dialog (the exact system prompt, messages and token limit; "Allow once" or "Deny"), elicitation
 * as a form or a URL to open with a click.
 */
export function ServerRequestDialogs(props: { queue: ServerRequestQueue }) {
  const current: Accessor<PendingServerRequest | undefined> = from((set) => {
    set(() => props.queue.current());
    return props.queue.subscribe(() => set(() => props.queue.current()));
  });
  return (
    <Show when={current()} keyed>
      {(pending) =>
        pending.kind === 'sampling' ? (
          <ApprovalDialog
            call={{
              id: 'sampling',
              name: t('samplingName', { server: pending.request.server.name }),
              arguments: {
                ...(pending.request.systemPrompt !== undefined ? { systemPrompt: pending.request.systemPrompt } : {}),
                messages: pending.request.messages,
                maxTokens: pending.request.maxTokens,
                ...(pending.request.temperature !== undefined ? { temperature: pending.request.temperature } : {}),
                ...(pending.request.stopSequences ? { stopSequences: pending.request.stopSequences } : {}),
              },
            }}
            onDecision={(decision) => pending.answer(decision === 'allow')}
          />
        ) : pending.request.mode === 'form' ? (
          <ElicitationForm request={pending.request} onAnswer={pending.answer} />
        ) : (
          <ElicitationUrl request={pending.request} onAnswer={pending.answer} />
        )
      }
    </Show>
  );
}
