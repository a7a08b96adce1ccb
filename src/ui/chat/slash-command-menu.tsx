import { createSignal, For, Show } from 'solid-js';
import { matchSlashCommands, type SlashCommand } from '../../app/tools/slash-commands';

export interface SlashCommandMenuProps {
  /** The composer's text: the menu shows while it is `/` and a word. */
  draft: string;
  commands: readonly SlashCommand[];
  /** Fills the prompt on its server (`usePrompt`) and returns the text for the draft. */
  fill: (command: SlashCommand, args: Record<string, string>) => Promise<string>;
  /** Receives the filled prompt, to replace the draft. */
  onInsert: (text: string) => void;
}

/**
 * The MCP prompts a `/` in the composer offers: a listbox (arrow keys, Enter, Escape) and, for a
 * prompt with arguments, a small form before its messages replace the draft. Kept apart from the
 * composer, which only passes its draft in and takes the text back.
 */
export function SlashCommandMenu(props: SlashCommandMenuProps) {
  const [active, setActive] = createSignal(0);
  const [chosen, setChosen] = createSignal<SlashCommand | undefined>();
  const [dismissed, setDismissed] = createSignal<string | undefined>();
  const [error, setError] = createSignal<string | undefined>();
  const matches = () => (dismissed() === props.draft ? [] : matchSlashCommands(props.commands, props.draft));

  const insert = async (command: SlashCommand, args: Record<string, string>) => {
    setError(undefined);
    try {
      props.onInsert(await props.fill(command, args));
      setChosen(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const choose = (command: SlashCommand) => {
    if (command.arguments.length === 0) void insert(command, {});
    else setChosen(command);
  };

  return (
    <div class="slash-commands">
      <Show when={!chosen() && matches().length > 0}>
        <ul
          role="listbox"
          aria-label="Prompts"
          tabIndex={0}
          aria-activedescendant={`slash-${active()}`}
          onKeyDown={(event) => {
            const count = matches().length;
            if (event.key === 'ArrowDown') setActive((active() + 1) % count);
            else if (event.key === 'ArrowUp') setActive((active() - 1 + count) % count);
            else if (event.key === 'Enter') {
              const command = matches()[active()];
              if (command) choose(command);
            } else if (event.key === 'Escape') setDismissed(props.draft);
            else return;
            event.preventDefault();
          }}
        >
          <For each={matches()}>
            {(command, index) => (
              <li id={`slash-${index()}`} role="option" aria-selected={index() === active()} onClick={() => choose(command)}>
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
            aria-label={`Prompt /${command().command}`}
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              void insert(command(), Object.fromEntries(command().arguments.map((argument) => [argument.name, String(data.get(argument.name) ?? '')])));
            }}
          >
            <For each={command().arguments}>
              {(argument) => (
                <label>
                  {argument.name}
                  {argument.required ? ' (required)' : ''}
                  <input name={argument.name} required={argument.required} title={argument.description ?? ''} />
                </label>
              )}
            </For>
            <button type="submit">Insert prompt</button>
            <button type="button" onClick={() => setChosen(undefined)}>
              Cancel
            </button>
          </form>
        )}
      </Show>
      <Show when={error()}>{(message) => <p role="alert">{message()}</p>}</Show>
    </div>
  );
}
