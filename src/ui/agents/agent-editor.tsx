import { createResource, createSignal, For, Show } from 'solid-js';
import { builderAgent } from '../../app/agents/builder-agent';
import { createBuilderTools, type AgentDraftAccess } from '../../app/agents/builder-tools';
import type { AgentService } from '../../app/agents/agent-service';
import type { AgentDefinition } from '../../core/agent-definition';
import { ErrorAlert } from '../components/error-alert';
import { errorText } from '../errors/error-text';
import { locale } from '../i18n';
import type { PageContext } from '../pages/page-context';
import { createAgentChoices } from './agent-choices';
import { AgentChatPanel } from './agent-chat-panel';
import { createAgentDraft, draftProblems, type DraftProblem } from './agent-draft';
import { AgentForm } from './agent-form';
import { AGENTS_HASH, agentEditorHash } from './agent-routes';
import { t } from './messages';

/** A problem's message in the current language. */
function problemText(problem: DraftProblem): string {
  return 'params' in problem ? t(problem.key, problem.params) : t(problem.key);
}

/**
 * The agent editor (`#/agents/new`, `#/agents/<id>`): loads the agent (or a new draft), then
 * shows its form, the live preview and the agent builder.
 */
export function AgentEditor(props: { context: PageContext; agents: AgentService; id?: string | undefined }) {
  const [agent] = createResource(async () => (props.id === undefined ? props.agents.draft() : ((await props.agents.get(props.id)) ?? null)));
  return (
    <Show when={!agent.loading} fallback={<p class="muted">{t('loading')}</p>}>
      <Show when={agent.error}>{(error) => <ErrorAlert message={errorText(error())} />}</Show>
      <Show
        when={agent()}
        keyed
        fallback={
          <Show when={!agent.error}>
            <p role="alert">{t('notFound')}</p>
            <a href={AGENTS_HASH}>{t('backToAgents')}</a>
          </Show>
        }
      >
        {(loaded) => <EditorBody context={props.context} agents={props.agents} agent={loaded} isNew={props.id === undefined} />}
      </Show>
    </Show>
  );
}

function EditorBody(props: { context: PageContext; agents: AgentService; agent: AgentDefinition; isNew: boolean }) {
  const context = props.context;
  const draft = createAgentDraft(props.agent);
  const choices = createAgentChoices(context.services, context.openDatabase);
  const readOnly = props.agent.builtIn === true;
  const [problems, setProblems] = createSignal<DraftProblem[]>([]);
  const [notice, setNotice] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [savedName, setSavedName] = createSignal(props.isNew ? undefined : props.agent.name);
  let problemsBox: HTMLDivElement | undefined;

  const save = async (): Promise<void> => {
    setNotice('');
    setError(undefined);
    const snapshot = draft.snapshot();
    const found = draftProblems(snapshot);
    setProblems(found);
    // Nothing typed is lost: the draft stays as it is and the problems say what to change.
    if (found.length > 0) {
      queueMicrotask(() => problemsBox?.focus());
      return;
    }
    try {
      const saved = await props.agents.save(snapshot);
      draft.replace(saved);
      setSavedName(saved.name);
      setNotice(t('saved', { name: saved.name }));
      // A new agent's editor now edits the saved one (replaceState: the editor stays, preview and all).
      if (location.hash !== agentEditorHash(saved.id)) history.replaceState(null, '', agentEditorHash(saved.id));
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const settings = context.settings;
  const previewSetup = () => {
    const agent = draft.snapshot();
    return context.services.prepareRun(settings(), {
      openDatabase: context.openDatabase,
      conversationId: undefined,
      knowledgeBaseIds: agent.knowledgeBaseIds,
      agent,
    });
  };
  const access: AgentDraftAccess = {
    read: () => draft.snapshot(),
    change: (update) => draft.replace(update(draft.snapshot())),
    tools: () => choices.tools(),
    knowledgeBases: () => choices.knowledgeBases(),
    localModels: () => choices.localModels(),
  };
  const builderSetup = async () => {
    // Bases made on the Knowledge page since the editor opened are named to the builder too.
    await choices.refreshKnowledge().catch(() => undefined);
    return context.services.prepareRun(settings(), {
      openDatabase: context.openDatabase,
      conversationId: undefined,
      knowledgeBaseIds: [],
      // In the language shown now: the builder is told what to do in the person's language.
      agent: builderAgent(locale()),
      // Made per run: the tool list the builder is told about is the one that exists now.
      runTools: createBuilderTools(access),
    });
  };

  return (
    <div class="agent-editor">
      <div class="agent-editor-form">
        <a href={AGENTS_HASH}>{t('backToAgents')}</a>
        <h2>{savedName() === undefined ? t('editorTitleNew') : t('editorTitle', { name: savedName() ?? '' })}</h2>
        <Show when={readOnly}>
          <p class="muted">{t('readOnly')}</p>
        </Show>
        <form
          aria-label={t('formLabel')}
          novalidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Show when={problems().length > 0}>
            <div role="alert" class="agent-problems" tabindex="-1" ref={problemsBox}>
              <p>{t('errorsTitle')}</p>
              <ul>
                <For each={problems()}>{(problem) => <li>{problemText(problem)}</li>}</For>
              </ul>
            </div>
          </Show>
          <AgentForm draft={draft} choices={choices} readOnly={readOnly} />
          <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
          <div class="agent-save">
            <button type="submit" class="primary" disabled={readOnly}>
              {t('save')}
            </button>
            <span role="status">{notice()}</span>
          </div>
        </form>
      </div>
      <div class="agent-editor-side">
        <AgentChatPanel
          label={t('preview')}
          hint={t('previewHint')}
          restartLabel={t('restartPreview')}
          runAgent={context.services.runAgent}
          prepareRun={previewSetup}
          onOpenSettings={() => context.goTo('chat')}
        />
        <Show when={!readOnly}>
          <AgentChatPanel
            label={t('builder')}
            hint={t('builderHint')}
            restartLabel={t('restartBuilder')}
            runAgent={context.services.runAgent}
            prepareRun={builderSetup}
            onOpenSettings={() => context.goTo('chat')}
          />
        </Show>
      </div>
    </div>
  );
}
