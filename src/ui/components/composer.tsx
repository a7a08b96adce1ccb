import { createSignal, createUniqueId, Show } from 'solid-js';

export interface ComposerProps {
  running: boolean;
  /** Whether a model is configured; when not, a hint offers to open Settings. */
  configured: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  onOpenSettings: () => void;
}

/** The message box: Enter sends, Shift+Enter adds a line, Stop is enabled only while running. */
export function Composer(props: ComposerProps) {
  const [text, setText] = createSignal('');
  const inputId = createUniqueId();
  const hintId = createUniqueId();
  const canSend = (): boolean => !props.running && text().trim() !== '';

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
          No model connected yet: add a Base URL and a model first.{' '}
          <button type="button" class="link-button" onClick={() => props.onOpenSettings()}>
            Connect a model
          </button>
        </p>
      </Show>
      <label for={inputId} class="visually-hidden">
        Message
      </label>
      <div class="composer-row">
        <textarea
          id={inputId}
          rows={2}
          placeholder="Ask anything (Enter sends, Shift+Enter adds a line)"
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
            Send
          </button>
          <button type="button" disabled={!props.running} onClick={() => props.onStop()}>
            Stop
          </button>
        </div>
      </div>
    </form>
  );
}
