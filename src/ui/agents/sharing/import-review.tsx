import { createUniqueId, For, Show } from 'solid-js';
import type { ImportedAgent } from '../../../app/agents/import/import-plan';
import type { AgentAvatar } from '../../../core/agent-definition';
import { describeConfirmation, describeEngine, describeNote, describeSource, describeToolRef } from './describe';
import { t } from './messages';

/** What the person decides for one planned agent. */
export interface ReviewChoice {
  /** Ticked confirmation ids (none at first). */
  confirmed: ReadonlySet<string>;
  key: string;
}

export interface ImportReviewProps {
  imported: ImportedAgent;
  choice: ReviewChoice;
  onChange: (choice: ReviewChoice) => void;
  disabled?: boolean;
}

/** The agent's emoji or image, decorative (its name follows). */
function AvatarView(props: { avatar: AgentAvatar }) {
  return (
    <span class="agent-import-avatar" aria-hidden="true">
      {props.avatar.kind === 'emoji' ? props.avatar.emoji : <img src={props.avatar.dataUrl} alt="" width="32" height="32" />}
    </span>
  );
}

/**
 * One agent about to be added: who it is (name, description, instructions, starter prompts,
 * tools, engine), what was changed or left out, and what it would connect to — each of those a
 * checkbox that starts unticked — plus a field for its engine's missing key.
 */
export function ImportReview(props: ImportReviewProps) {
  const id = createUniqueId();
  const agent = () => props.imported.agent;
  const toggle = (confirmationId: string, on: boolean): void => {
    const confirmed = new Set(props.choice.confirmed);
    if (on) confirmed.add(confirmationId);
    else confirmed.delete(confirmationId);
    props.onChange({ ...props.choice, confirmed });
  };
  return (
    <article class="agent-import-review" aria-labelledby={`${id}-name`}>
      <header>
        <AvatarView avatar={agent().avatar} />
        <h3 id={`${id}-name`}>{agent().name}</h3>
        <p class="muted">{describeSource(props.imported)}</p>
      </header>
      <dl>
        <Show when={agent().description !== ''}>
          <dt>{t('description')}</dt>
          <dd>{agent().description}</dd>
        </Show>
        <dt>{t('instructions')}</dt>
        <dd>
          <Show when={agent().instructions !== ''} fallback={t('noInstructions')}>
            <pre class="agent-import-instructions">{agent().instructions}</pre>
          </Show>
        </dd>
        <Show when={agent().starterPrompts.length > 0}>
          <dt>{t('starterPrompts')}</dt>
          <dd>
            <ul>
              <For each={agent().starterPrompts}>{(prompt) => <li>{prompt}</li>}</For>
            </ul>
          </dd>
        </Show>
        <dt>{t('tools')}</dt>
        <dd>
          <Show when={agent().tools.length > 0} fallback={t('noTools')}>
            <ul>
              <For each={agent().tools}>{(ref) => <li>{describeToolRef(ref, props.imported)}</li>}</For>
            </ul>
          </Show>
        </dd>
        <dt>{t('engine')}</dt>
        <dd>{describeEngine(agent().engine)}</dd>
      </dl>
      <Show when={props.imported.notes.length > 0}>
        <h4>{t('notesTitle')}</h4>
        <ul class="agent-import-notes">
          <For each={props.imported.notes}>{(note) => <li>{describeNote(note)}</li>}</For>
        </ul>
      </Show>
      <Show when={props.imported.confirmations.length > 0}>
        <fieldset class="agent-import-confirmations">
          <legend>{t('confirmTitle')}</legend>
          <p class="muted">{t('confirmIntro')}</p>
          <For each={props.imported.confirmations}>
            {(item) => (
              <label>
                <input
                  type="checkbox"
                  checked={props.choice.confirmed.has(item.id)}
                  disabled={props.disabled}
                  onChange={(event) => toggle(item.id, event.currentTarget.checked)}
                />
                {describeConfirmation(item)}
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <Show when={props.imported.missingKey}>
        {(missing) => (
          <p class="agent-import-key">
            <label for={`${id}-key`}>{t('keyLabel', { keyName: missing().keyName, origin: missing().origin })}</label>
            <input
              id={`${id}-key`}
              type="password"
              autocomplete="off"
              value={props.choice.key}
              disabled={props.disabled}
              aria-describedby={`${id}-key-hint`}
              onInput={(event) => props.onChange({ ...props.choice, key: event.currentTarget.value })}
            />
            <span id={`${id}-key-hint`} class="muted">
              {t('keyHint')}
            </span>
          </p>
        )}
      </Show>
    </article>
  );
}
