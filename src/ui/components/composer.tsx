import { createEffect, createSignal, createUniqueId, on, Show } from 'solid-js';
import { t } from './messages';

export interface ComposerProps {
  running: boolean;
  /** Whether a model is configured; when not, a hint offers to open Settings. */
  configured: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  onOpenSettings: () => void;
  /** Receives the message box, so the app can return focus to it (e.g. after a dialog closes). */
  inputRef?: (element: HTMLTextAreaElement) => void;
  /** Text put into the box from outside (a demo's first message); each new object replaces what is there. */
  draft?: { text: string } | undefined;
}

/** The message box: Enter sends, Shift+Enter adds a line, Stop is enabled only while running. */
export function Composer(props: ComposerProps) {
  const [text, setText] = createSignal('');
  const inputId = createUniqueId();
  const hintId = createUniqueId();
  const canSend = (): boolean => !props.running && text().trim() !== '';
  createEffect(
    on(
      () => props.draft,
      (draft) => {
        if (draft) setText(draft.text);
      },
    ),
  );

  const send = (): void => {
    if (!canSend()) return;
    props.onSend(text());
    setText('');
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Show when={!props.configured}>
        <p class="composer-hint" id={hintId}>
          {t('notConfigured')}{' '}
          <button type="button" class="link-button" onClick={() => props.onOpenSettings()}>
            {t('connectModel')}
          </button>
        </p>
      </Show>
      <label for={inputId} class="visually-hidden">
        {t('message')}
      </label>
      <div class="composer-row">
        <textarea
          id={inputId}
          ref={(element) => props.inputRef?.(element)}
          rows={2}
          placeholder={t('placeholder')}
          aria-describedby={props.configured ? undefined : hintId}
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
            event.preventDefault();
            send();
          }}
        />
        <div class="composer-buttons">
          <button type="submit" class="primary" disabled={!canSend()}>
            {t('send')}
          </button>
          <button type="button" disabled={!props.running} onClick={() => props.onStop()}>
            {t('stop')}
          </button>
        </div>
      </div>
    </form>
  );
}
