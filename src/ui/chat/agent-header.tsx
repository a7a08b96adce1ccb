import { For, Match, Show, Switch } from 'solid-js';
import type { AgentDefinition } from '../../core/agent-definition';
import type { ConversationAgent } from '../../app/chat/conversation-agent';
import { AgentAvatar } from './agent-avatar';
import { Disclosure } from './disclosure';
import { t } from './messages';
import './chat.css';

export interface AgentHeaderProps {
  /** The open conversation's agent (undefined while it loads). */
  agent: ConversationAgent | undefined;
  /** Every agent, for "New chat with…". */
  agents: readonly AgentDefinition[];
  /** The agent's knowledge bases switched off in this conversation. */
  knowledgeBasesOff: readonly string[];
  /** The names of the agent's knowledge bases, by id. */
  knowledgeNames: ReadonlyMap<string, string>;
  /** Starts a new conversation with this agent. */
  onNewChat: (agentId: string) => void;
  /** Switches one of the agent's knowledge bases off (or back on) in this conversation. */
  onKnowledgeChange: (baseId: string, off: boolean) => void;
}

/**
 * The chat's header: whom this conversation is with (or that its agent was deleted), the agent's
 * knowledge bases with a per-conversation switch each, and "New chat with…" another agent.
 */
export function AgentHeader(props: AgentHeaderProps) {
  const found = (): AgentDefinition | undefined => (props.agent?.state === 'found' ? props.agent.agent : undefined);
  const bases = (): string[] => found()?.knowledgeBaseIds ?? [];
  const searched = (id: string): boolean => !props.knowledgeBasesOff.includes(id);
  return (
    <Show when={props.agent?.state !== 'none'}>
      <section class="chat-agent-bar" aria-label={t('agentBar')}>
        <p class="chat-agent-current">
          <Switch fallback={<span class="muted">{t('loadingAgent')}</span>}>
            <Match when={found()}>
              {(agent) => (
                <>
                  <AgentAvatar avatar={agent().avatar} />
                  <strong class="chat-agent-name">{agent().name}</strong>
                </>
              )}
            </Match>
            <Match when={props.agent?.state === 'removed'}>
              <strong class="chat-agent-name chat-agent-removed">{t('removedAgent')}</strong>
            </Match>
          </Switch>
        </p>
        <Show when={bases().length > 0}>
          <Disclosure label={t('knowledge', { on: bases().filter(searched).length, total: bases().length })} class="chat-agent-knowledge">
            {() => (
              <fieldset>
                <legend>{t('knowledgeTitle')}</legend>
                <For each={bases()}>
                  {(id) => (
                    <label class="checkbox-field">
                      <input
                        type="checkbox"
                        checked={searched(id)}
                        onChange={(event) => props.onKnowledgeChange(id, !event.currentTarget.checked)}
                      />{' '}
                      {t('searchBase', { name: props.knowledgeNames.get(id) ?? t('missingBase', { id }) })}
                    </label>
                  )}
                </For>
              </fieldset>
            )}
          </Disclosure>
        </Show>
        <Show when={props.agents.length > 0}>
          <Disclosure label={t('newChatWith')} class="chat-agent-new">
            {(close) => (
              <ul aria-label={t('newChatWith')}>
                <For each={props.agents}>
                  {(agent) => (
                    <li>
                      <button
                        type="button"
                        onClick={() => {
                          close();
                          props.onNewChat(agent.id);
                        }}
                      >
                        <AgentAvatar avatar={agent.avatar} /> {agent.name}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </Disclosure>
        </Show>
        <Show when={props.agent?.state === 'removed'}>
          <p class="muted chat-agent-note">{t('removedNote')}</p>
        </Show>
      </section>
    </Show>
  );
}
