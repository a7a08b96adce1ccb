import { createUniqueId, For, Show } from 'solid-js';
import type { AgentDefinition } from '../../core/agent-definition';
import { AgentAvatar } from './agent-avatar';
import { t } from './messages';

/** The start screen's list of the other agents: "Chat with <name>" starts a new conversation with one. */
export function AgentChoices(props: { agents: readonly AgentDefinition[]; onChoose: (agentId: string) => void }) {
  const titleId = createUniqueId();
  return (
    <Show when={props.agents.length > 0}>
      <section class="agent-choices" aria-labelledby={titleId}>
        <h3 id={titleId}>{t('agentsToChatWith')}</h3>
        <ul>
          <For each={props.agents}>
            {(agent) => (
              <li class="agent-choice">
                <button type="button" aria-label={t('chatWith', { name: agent.name })} onClick={() => props.onChoose(agent.id)}>
                  <AgentAvatar avatar={agent.avatar} />
                  <span class="agent-choice-text">
                    <span class="agent-choice-name">{agent.name}</span>
                    <Show when={agent.description.trim()}>
                      <span class="agent-choice-description">{agent.description}</span>
                    </Show>
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
