import { createUniqueId, For, Show } from 'solid-js';
import type { AgentDefinition } from '../../core/agent-definition';
import { AgentAvatar } from './agent-avatar';
import { t } from './messages';

/**
 * A new conversation's introduction of its agent: avatar, name, description, and its starter
 * prompts as buttons whose accessible name is exactly the prompt (a click sends it).
 */
export function AgentIntro(props: { agent: AgentDefinition; onSend: (text: string) => void; disabled?: boolean }) {
  const titleId = createUniqueId();
  return (
    <section class="agent-intro" aria-labelledby={titleId}>
      <AgentAvatar avatar={props.agent.avatar} size="large" />
      <h2 id={titleId} class="agent-intro-name">
        {props.agent.name}
      </h2>
      <Show when={props.agent.description.trim()}>
        <p class="agent-intro-description">{props.agent.description}</p>
      </Show>
      <Show when={props.agent.starterPrompts.length > 0}>
        <ul class="agent-starters" aria-label={t('starterPrompts')}>
          <For each={props.agent.starterPrompts}>
            {(prompt) => (
              <li>
                <button type="button" class="agent-starter" disabled={props.disabled} onClick={() => props.onSend(prompt)}>
                  {prompt}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
