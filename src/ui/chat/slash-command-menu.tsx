import { createEffect, createSignal, createUniqueId, For, Show } from 'solid-js';
import { matchSlashCommands, type SlashCommand } from '../../app/tools/slash-commands';
import { t } from './composer-mcp-messages';

/** What the message box needs from an open menu: its keys, and the option to announce as active. */
export interface SlashMenuKeys {
  /** Handles a key pressed in the message box; true when the menu used it (the box then does nothing). */
  keyDown(event: KeyboardEvent): boolean;
  /** The listbox's id while it shows (for `aria-controls`). */
  listId(): string | undefined;
  /** The active option's id while the list shows (for `aria-activedescendant`). */
  activeId(): string | undefined;
}

export interface SlashCommandMenuProps {
  /** The composer's text: the menu shows while it is `/` and a word. */
  draft: string;
  commands: readonly SlashCommand[];
  /** Fills the prompt on its server (`usePrompt`) and returns the text for the draft. */
  fill: (command: SlashCommand, args: Record<string, string>) => Promise<string>;
  /** Receives the filled prompt, to replace the draft. */
  onInsert: (text: string) => void;
  /** Receives the menu's keyboard handling, so the message box keeps focus while the list shows. */
  keys?: (keys: SlashMenuKeys) => void;
  /** The argument form was closed without inserting (focus goes back to the message box). */
  onCancel?: () => void;
}

/**
 * The MCP prompts a `/` in the composer offers: a listbox driven from the message box (arrow keys,
 * Enter, Escape, as a combobox's popup) and, for a prompt with arguments, a small form (labels are
 * the argument names, required ones marked and checked) before its messages replace the draft.
 * Kept apart from the composer, which only passes its draft in and takes the text back.
 */
export function SlashCommandMenu(props: SlashCommandMenuProps) {
  const baseId = createUniqueId();
  const [active, setActive] = createSignal(0);
  const [chosen, setChosen] = createSignal<SlashCommand | undefined>();
  const [dismissed, setDismissed] = createSignal<string | undefined>();
  const [error, setError] = createSignal<string | undefined>();
  const [invalid, setInvalid] = createSignal<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = createSignal(false);
  const matches = () => (dismissed() === props.draft || chosen() ? [] : matchSlashCommands(props.commands, props.draft));
  const open = () => matches().length > 0;
  const optionId = (index: number) => `${baseId}-option-${index}`;

  // A new word typed after `/` starts again at the first match.
  createEffect(() => {
    void props.draft;
    setActive(0);
  });

  const insert = async (command: SlashCommand, args: Record<string, string>) => {
    setError(undefined);
    setBusy(true);
    try {
      props.onInsert(await props.fill(command, args));
      setChosen(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const choose = (command: SlashCommand) => {
    if (command.arguments.length === 0) {
      void insert(command, {});
      return;
    }
    setInvalid(new Set<string>());
    setError(undefined);
    setChosen(command);
  };
  const cancel = () => {
    setChosen(undefined);
    setError(undefined);
    setDismissed(props.draft);
    props.onCancel?.();
  };

  props.keys?.({
    keyDown(event) {
      if (!open() || event.isComposing) return false;
      const count = matches().length;
      if (event.key === 'ArrowDown') setActive((active() + 1) % count);
      else if (event.key === 'ArrowUp') setActive((active() - 1 + count) % count);
      else if (event.key === 'Home') setActive(0);
      else if (event.key === 'End') setActive(count - 1);
      else if (event.key === 'Enter') {
        const command = matches()[active()];
        if (command) choose(command);
      } else if (event.key === 'Escape') setDismissed(props.draft);
      else return false;
      event.preventDefault();
      return true;
    },
    listId: () => (open() ? `${baseId}-list` : undefined),
    activeId: () => (open() ? optionId(active()) : undefined),
  });

  return (
    <div class="slash-commands">
      <Show when={open()}>
        <ul role="listbox" id={`${baseId}-list`} aria-label={t('prompts')} class="slash-list">
          <For each={matches()}>
            {(command, index) => (
              <li
                id={optionId(index())}
                role="option"
                aria-selected={index() === active()}
                // The message box keeps focus (and the caret) when an option is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(command)}
              >
                /{command.command}
                <Show when={command.description}>{(description) => <span class="slash-description"> — {description()}</span>}</Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={chosen()}>
        {(command) => (
          <form
            ref={(element) => {
              // Rendered after `chosen` is set: the first field takes focus once it exists.
              queueMicrotask(() => element.querySelector('input')?.focus());
            }}
            class="slash-form"
            aria-label={t('promptForm', { command: command().command })}
            noValidate
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.preventDefault();
              cancel();
            }}
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              const args = Object.fromEntries(command().arguments.map((argument) => [argument.name, String(data.get(argument.name) ?? '')]));
              // Checked here (not by the browser's bubbles) so the message is in the interface language.
              const missing = command().arguments.filter((argument) => argument.required && (args[argument.name] ?? '').trim() === '');
              setInvalid(new Set(missing.map((argument) => argument.name)));
              if (missing.length > 0) {
                setError(t('missing', { names: missing.map((argument) => argument.name).join(', ') }));
                event.currentTarget.querySelector<HTMLInputElement>(`input[name="${CSS.escape(missing[0]?.name ?? '')}"]`)?.focus();
                return;
              }
              void insert(command(), args);
            }}
          >
            <For each={command().arguments}>
              {(argument) => (
                <label class="slash-argument">
                  <span>
                    {argument.name}
                    <Show when={argument.required}>
                      {' '}
                      <span class="slash-required">({t('required')})</span>
                    </Show>
                  </span>
                  <input
                    name={argument.name}
                    aria-required={argument.required}
                    aria-invalid={invalid().has(argument.name) ? 'true' : undefined}
                    title={argument.description ?? ''}
                    placeholder={argument.description ?? ''}
                  />
                </label>
              )}
            </For>
            <div class="slash-form-buttons">
              <button type="submit" class="primary" disabled={busy()}>
                {t('insertPrompt')}
              </button>
              <button type="button" onClick={cancel}>
                {t('cancel')}
              </button>
            </div>
          </form>
        )}
      </Show>
      <Show when={error()}>{(message) => <p role="alert">{message()}</p>}</Show>
    </div>
  );
}
