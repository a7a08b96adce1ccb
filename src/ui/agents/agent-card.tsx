import { createUniqueId, Show, type Component } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { AgentDefinition } from '../../core/agent-definition';
import { AgentAvatar } from './agent-avatar';
import { t } from './messages';

export interface AgentCardProps {
  agent: AgentDefinition;
  onChat: () => void;
  onEdit: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
  /** The sharing slot's export button, when mounted. */
  /** Export and share actions, after the card's other buttons. */
  exportButton?: Component<{ agent: AgentDefinition }>;
}

/** One agent on the Agents page: avatar, name, description, and its actions (a built-in agent can only be chatted with and duplicated). */
export function AgentCard(props: AgentCardProps) {
  const nameId = createUniqueId();
  const name = (): string => props.agent.name;
  return (
    <article class="agent-card" aria-labelledby={nameId}>
      <div class="agent-card-head">
        <AgentAvatar avatar={props.agent.avatar} />
        <h3 id={nameId}>{name()}</h3>
        <Show when={props.agent.builtIn}>
          <span class="agent-badge">{t('builtIn')}</span>
        </Show>
      </div>
      <p class="agent-description">{props.agent.description}</p>
      <div class="agent-card-actions">
        <button type="button" class="primary" onClick={() => props.onChat()}>
          {t('chatWith', { name: name() })}
        </button>
        <Show when={!props.agent.builtIn}>
          <button type="button" onClick={() => props.onEdit()}>
            {t('edit', { name: name() })}
          </button>
        </Show>
        <button type="button" onClick={() => props.onDuplicate()}>
          {t('duplicate', { name: name() })}
        </button>
        <Show when={props.exportButton}>{(exportButton) => <Dynamic component={exportButton()} agent={props.agent} />}</Show>
        <Show when={!props.agent.builtIn}>
          <button type="button" class="danger" onClick={() => props.onDelete()}>
            {t('delete', { name: name() })}
          </button>
        </Show>
      </div>
    </article>
  );
}
