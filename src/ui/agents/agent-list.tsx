import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { AgentService } from '../../app/agents/agent-service';
import type { AgentDefinition } from '../../core/agent-definition';
import { ErrorAlert } from '../components/error-alert';
import { errorText } from '../errors/error-text';
import { chatWithAgentHash } from '../chat/chat-route';
import { AgentCard } from './agent-card';
import { agentEditorHash } from './agent-routes';
import { ConfirmDialog } from './confirm-dialog';
import { announceAgentsChanged, onAgentsChanged } from './agents-changed';
import { t } from './messages';
import type { TabagentDb } from '../../store';
import type { ImportableToolInfo } from '../../app/agents/import/agent-importer';
import { CopyShareLinkButton } from './sharing/copy-share-link-button';
import { ExportAgentButton } from './sharing/export-agent-button';
import { ImportAgentsInput } from './sharing/import-agents-input';

/**
 * The Agents page's list: a card per agent, "New agent" (and the import input once mounted). A
 * delete asks first; duplicating makes a copy the person owns and says so.
 */
export function AgentList(props: { agents: AgentService; openDatabase: () => Promise<TabagentDb>; tools?: () => readonly ImportableToolInfo[] }) {
  const sharing = (card: { agent: AgentDefinition }) => (
    <>
      <ExportAgentButton agent={card.agent} openDatabase={props.openDatabase} />
      <CopyShareLinkButton agent={card.agent} openDatabase={props.openDatabase} />
    </>
  );
  const [agents, { refetch }] = createResource(() => props.agents.list());
  onCleanup(onAgentsChanged(() => void refetch()));
  const [notice, setNotice] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [deleting, setDeleting] = createSignal<AgentDefinition>();
  let newButton: HTMLButtonElement | undefined;
  // The Delete button that opened the question gets focus back when it is cancelled.
  let deleteOpener: Element | null = null;

  const act = async (work: () => Promise<string>): Promise<void> => {
    setError(undefined);
    try {
      setNotice(await work());
      await refetch();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const duplicate = (agent: AgentDefinition): Promise<void> => act(async () => t('duplicated', { name: (await props.agents.duplicate(agent.id)).name }));
  const remove = (agent: AgentDefinition): Promise<void> =>
    act(async () => {
      await props.agents.remove(agent.id);
      return t('deleted', { name: agent.name });
    });

  return (
    <>
      <div class="agents-toolbar">
        <button type="button" class="primary" ref={newButton} onClick={() => (location.hash = agentEditorHash())}>
          {t('newAgent')}
        </button>
        <ImportAgentsInput agents={props.agents} openDatabase={props.openDatabase} {...(props.tools ? { tools: props.tools } : {})} onImported={announceAgentsChanged} />
      </div>
      <p role="status" class="muted agents-notice">
        {notice()}
      </p>
      <Show when={error() ?? (agents.error ? errorText(agents.error) : undefined)}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={agents()} fallback={<p class="muted">{t('loading')}</p>}>
        {(list) => (
          <ul class="agent-cards" aria-label={t('listLabel')}>
            <For each={list()}>
              {(agent) => (
                <li>
                  <AgentCard
                    agent={agent}
                    onChat={() => (location.hash = chatWithAgentHash(agent.id))}
                    onEdit={() => (location.hash = agentEditorHash(agent.id))}
                    onDuplicate={() => void duplicate(agent)}
                    onDelete={() => {
                      deleteOpener = document.activeElement;
                      setDeleting(agent);
                    }}
                    exportButton={sharing}
                  />
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
      <Show when={deleting()} keyed>
        {(agent) => (
          <ConfirmDialog
            title={t('confirmDeleteTitle', { name: agent.name })}
            text={t('confirmDeleteText')}
            confirmLabel={t('confirmDelete')}
            cancelLabel={t('cancel')}
            onCancel={() => {
              setDeleting(undefined);
              if (deleteOpener instanceof HTMLElement) deleteOpener.focus();
            }}
            onConfirm={() => {
              setDeleting(undefined);
              // The card is gone: focus goes to the page's first control rather than the document.
              newButton?.focus();
              void remove(agent);
            }}
          />
        )}
      </Show>
    </>
  );
}
