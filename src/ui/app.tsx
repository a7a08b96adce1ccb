import { createEffect, createSignal, For, lazy, on, onCleanup, onMount, Show } from 'solid-js';
import type { ModelRecommendation } from '../llm/capabilities';
import { createFirstScreenStore } from '../app/settings/first-screen';
import type { ConversationRecord } from '../store';
import { createDatabaseOpener } from '../app/database-opener';
import { createChatController } from './chat/chat-controller';
import { AgentChoices } from './chat/agent-choices';
import { AgentHeader } from './chat/agent-header';
import { AgentIntro } from './chat/agent-intro';
import { createChatAgentState } from './chat/chat-agent-state';
import { watchChatWithAgent } from './chat/chat-route';
import { sharePayload } from '../app/agents/share-route';
import { announceAgentsChanged, onAgentsChanged } from './agents/agents-changed';
import { agentOf, conversationRunScope, findConversationAgent, searchedKnowledgeBaseIds, withKnowledgeBaseSearched } from '../app/chat/conversation-agent';
import { ChatView } from './components/chat-view';
import { ConversationList } from './conversations/conversation-list';
import { createConversationsState } from './conversations/conversations-state';
import { Composer } from './components/composer';
import { ErrorAlert } from './components/error-alert';
import { followScroll } from './components/follow-scroll';
import type { DemoHost, SettingsSection } from './demos/run-demo';
import { mcpToolsHash } from './demos/tools-link';
import { FirstRun } from './first-run/first-run';
import { setLocale } from './i18n';
import { t } from './messages';
import { localChoiceOf, withLocalChoice, type LocalModelChoice } from '../app/models/local-choice';
import { LocalModelOffer } from './models/local-model-offer';
import { createModelsState, type ModelsState } from './models/models-state';
import { PageNav } from './pages/page-nav';
import type { PageContext } from './pages/page-context';
import { pages } from './pages/pages';
import { createRoute } from './pages/route';
import { UpdatePrompt } from './pwa/update-prompt';
import type { AppServices } from '../app/services';
import { createSettingsState } from './settings/settings-state';
import { ServerRequestsSlot } from './tools/server-requests-slot';
import { yieldToBrowser } from './schedule/yield-to-browser';

// Not part of the first screen: each dialog is fetched when the person first opens it, which keeps
// its code and what it imports out of the JavaScript parsed before the message box accepts input.
const SettingsDialog = lazy(() => import('./settings/settings-dialog').then((module) => ({ default: module.SettingsDialog })));
const DemosLauncher = lazy(() => import('./demos/demos-launcher').then((module) => ({ default: module.DemosLauncher })));
const SharedAgentDialog = lazy(() => import('./agents/sharing/shared-agent-dialog').then((module) => ({ default: module.SharedAgentDialog })));
const ModelsDialog = lazy(() => import('./models/models-dialog').then((module) => ({ default: module.ModelsDialog })));

export interface AppProps {
  services: AppServices;
  /** IndexedDB database name (tests use their own). */
  databaseName?: string;
}

/** The whole app: header with Models and Settings, the conversation, the composer. */
export function App(props: AppProps) {
  const [settingsOpen, setSettingsOpen] = createSignal(false);
  const [modelsOpen, setModelsOpen] = createSignal(false);
  const [outdated, setOutdated] = createSignal(false);
  const openDatabase = createDatabaseOpener(() => props.services.openDb({ name: props.databaseName, onVersionChange: () => setOutdated(true) }));
  // The presence check is for the app's own database; tests naming their own read it as usual.
  const settingsState = createSettingsState(openDatabase, {
    ...(props.databaseName === undefined ? { databaseExisted: props.services.databaseExisted } : {}),
    firstScreen: createFirstScreenStore(props.databaseName),
  });
  // Lives with the app, not the dialog: a download goes on while the Models page is closed.
  const modelsState = props.services.models ? createModelsState(props.services.models) : undefined;
  const useLocalModel = (choice: LocalModelChoice): Promise<boolean> =>
    settingsState.save(withLocalChoice(settingsState.settings(), choice));
  // Before the saved settings are read, the first screen shows what the last start left (first-screen.ts).
  const configured = (): boolean => settingsState.firstScreen()?.configured ?? true;
  // The language pinned in settings, or the browser's.
  createEffect(() => setLocale(settingsState.firstScreen()?.language ?? null));
  const [welcomeHidden, setWelcomeHidden] = createSignal(false);
  const showWelcome = (): boolean =>
    settingsState.loaded() && !configured() && settingsState.settings().welcomeDismissed !== true && !welcomeHidden();

  // Focus: a closing dialog hands it back to the control that opened it, or to the message box
  // when that control is gone (the welcome disappears once a model is configured).
  let composerInput: HTMLTextAreaElement | undefined;
  const focusBack = (opener: Element | null): void => {
    const target = opener instanceof HTMLElement && opener.isConnected && opener !== document.body ? opener : composerInput;
    target?.focus();
  };
  let settingsOpener: Element | null = null;
  let modelsOpener: Element | null = null;
  const openSettings = (): void => {
    settingsOpener = document.activeElement;
    setSettingsOpen(true);
  };
  const openModels = (): void => {
    modelsOpener = document.activeElement;
    setModelsOpen(true);
  };
  // Settings opened at a section (a demo asking for the model_api endpoint); cleared on close.
  const [settingsSection, setSettingsSection] = createSignal<SettingsSection>();
  // Text a demo puts into the message box.
  const [draft, setDraft] = createSignal<{ text: string }>();
  const [demosOpen, setDemosOpen] = createSignal(false);
  let demosOpener: Element | null = null;
  const openDemos = (): void => {
    demosOpener = document.activeElement;
    setDemosOpen(true);
  };
  /**
   * Downloads a recommended model with the Models page showing progress, and makes it the engine
   * once it has loaded: a failed download (offered again with Retry) leaves the engine in use as it was.
   */
  const startRecommended = (models: ModelsState, item: ModelRecommendation): void => {
    const choice: LocalModelChoice =
      item.model.engine === 'webllm'
        ? { engine: 'webllm', modelId: item.model.id }
        : { engine: 'transformers', modelId: item.model.id, device: item.device };
    // Start the download now and show its progress, rather than stalling the first message.
    openModels();
    void models.load(choice, item.model.label, () => void useLocalModel(choice));
  };
  // The conversations come first and make the controller, handing it the open conversation.
  const conversationsState = createConversationsState({
    openDb: openDatabase,
    // New conversations record their agent (without agents, e.g. in tests, they record none).
    defaultAgentId: async () => props.services.agents?.defaultAgentId(),
    // Another conversation's prompt never continues the cached one: free the local model's cache now.
    onSwitch: () => void props.services.models?.resetContext?.(),
    createController: (conversation) =>
      createChatController({
        runAgent: props.services.runAgent,
        // Each run reads its agent afresh (it may have been edited on the Agents page since the chat showed it).
        prepareRun: async (turn, hooks) => {
          const agent = agentOf(await findConversationAgent(props.services.agents, conversation.agentId()));
          const input = { openDatabase, conversationId: conversation.currentId(), conversation: conversation.current(), agent };
          const scope = conversationRunScope({ ...input, resources: turn?.resources, onServerWait: hooks?.onServerWait });
          // A message sent in the first moments waits for the saved settings (engine, tools, network rules).
          await settingsState.whenLoaded();
          return props.services.prepareRun(settingsState.settings(), scope);
        },
        persistence: conversation.sink,
      }),
  });
  const agentState = createChatAgentState({ agents: props.services.agents, agentId: conversationsState.agentId, openDatabase });
  /** Switches a knowledge base on or off for the open conversation (its agent's through knowledgeBasesOff). */
  const setKnowledgeSearched = (baseId: string, searched: boolean): Promise<void> =>
    conversationsState.setKnowledge((record) => withKnowledgeBaseSearched(record, agentOf(agentState.current()), baseId, searched));
  const startChatWith = (agentId: string): void => {
    void conversationsState.startNew(agentId).then(() => composerInput?.focus());
  };
  const controller = conversationsState.controller;
  const openConversation = (): ConversationRecord | undefined => conversationsState.current();
  // An imported agent may bring MCP servers (saved switched off): the Tools page lists them at once.
  onCleanup(onAgentsChanged(() => void props.services.toolLibrary?.refreshServers?.().catch(() => undefined)));
  const [shareLinkOpen, setShareLinkOpen] = createSignal(sharePayload(location.hash) !== undefined);
  const followShareLink = (): void => {
    setShareLinkOpen(sharePayload(location.hash) !== undefined);
  };
  window.addEventListener('hashchange', followShareLink);
  onCleanup(() => window.removeEventListener('hashchange', followShareLink));
  const route = createRoute(new Set(['chat', ...pages.map((page) => page.id)]));
  // `#/chat?agent=<id>` (the Agents page's "Chat with <name>") starts a conversation with that agent.
  watchChatWithAgent(startChatWith);
  // Back on the chat, the agents may have changed on the Agents page.
  createEffect(on(route.page, (current) => current === 'chat' && agentState.refresh(), { defer: true }));
  const pageContext: PageContext = {
    services: props.services,
    openDatabase,
    settings: settingsState.settings,
    saveSettings: (next) => settingsState.save(next),
    controller,
    goTo: route.goTo,
    conversation: {
      record: openConversation,
      setKnowledgeBaseIds: (ids) => conversationsState.setKnowledgeBaseIds(ids),
      searchedKnowledgeBaseIds: () => searchedKnowledgeBaseIds(openConversation(), agentOf(agentState.current())),
      setKnowledgeBaseSearched: setKnowledgeSearched,
    },
  };
  // What the demos (src/ui/demos) may do: start a conversation with their agent, fill the box, open pages.
  const demoHost: DemoHost = {
    settings: settingsState.settings,
    configured,
    openDatabase,
    toolLibrary: props.services.toolLibrary,
    embedder: () => props.services.embedding?.current(),
    startConversation: (agentId) => conversationsState.startNew(agentId),
    setKnowledgeBaseIds: (ids) => conversationsState.setKnowledgeBaseIds(ids),
    fillComposer: (text, focus) => {
      route.goTo('chat');
      setDraft({ text });
      if (focus) composerInput?.focus();
    },
    send: (text) => {
      route.goTo('chat');
      composerInput?.focus();
      return controller.send(text);
    },
    openSettings: (section) => {
      setSettingsSection(section);
      openSettings();
    },
    openModels: modelsState ? openModels : undefined,
    openMcp: (url) => {
      location.hash = mcpToolsHash(url);
    },
  };
  const navItems = () => [{ id: 'chat', label: t('chat') }, ...pages.map((page) => ({ id: page.id, label: page.label() }))];

  const [scroller, setScroller] = createSignal<HTMLElement>();
  followScroll(scroller, () => {
    const last = controller.turns.at(-1);
    for (const item of last?.items ?? []) void (item.kind === 'assistant' ? item.text : item.status);
    void last?.status;
  });

  // The settings in force: enabled tools, the model_api endpoint, the door's policy (strict mode, keys).
  createEffect(() => {
    if (settingsState.loaded()) props.services.useSettings?.(settingsState.settings());
  });
  onMount(() => {
    const settingsRead = settingsState.load();
    void conversationsState.init();
    void props.services.network?.start(openDatabase).catch(() => undefined);
    // The saved tools wait until the settings are read, in a task of their own: their reads and
    // registrations then never hold back the message box (the settings decide when it is ready).
    void settingsRead
      .catch(() => undefined)
      .then(yieldToBrowser)
      .then(() => {
        // Saved OpenAPI tools and MCP servers join the registry at start, not only when Tools is opened.
        void props.services.toolLibrary?.start(openDatabase).catch(() => undefined);
        // Saved custom tools too (their problems are shown in the tool editor).
        void props.services.customTools?.start(openDatabase).catch(() => undefined);
      });
  });
  onCleanup(() => {
    conversationsState.dispose();
    void controller.clear();
    void openDatabase.close();
  });

  return (
    <div class="app" data-ready={settingsState.loaded() ? 'true' : undefined}>
      <ServerRequestsSlot queue={props.services.mcpRequests} />
      <header class="app-header">
        <h1>Tabagent</h1>
        <PageNav items={navItems()} current={route.page()} onSelect={route.goTo} />
        <div class="header-buttons">
          <Show when={modelsState}>
            <button type="button" onClick={openModels}>
              {t('models')}
            </button>
          </Show>
          <button type="button" onClick={openSettings}>
            {t('settings')}
          </button>
        </div>
      </header>
      <Show when={props.services.updates}>{(updates) => <UpdatePrompt updates={updates()} />}</Show>
      <Show when={outdated()}>
        <div role="alert" class="error-alert">
          {t('outdated')}{' '}
          <button type="button" class="link-button" onClick={() => location.reload()}>
            {t('reload')}
          </button>
        </div>
      </Show>
      <Show when={!settingsOpen() && settingsState.error()}>
        {(message) => <ErrorAlert message={message()} />}
      </Show>
      <Show when={conversationsState.error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <div class="chat-page" hidden={route.page() !== 'chat'}>
        <ConversationList
          conversations={conversationsState.list()}
          currentId={conversationsState.currentId()}
          onNew={() => void conversationsState.startNew()}
          onOpen={(id) => void conversationsState.open(id)}
          onRename={(id, title) => void conversationsState.rename(id, title)}
          onDelete={(id) => void conversationsState.remove(id)}
          onTrainingChange={(id, optIn) => void conversationsState.setTrainingOptIn(id, optIn)}
        />
        <AgentHeader
          agent={agentState.current()}
          agents={agentState.agents()}
          knowledgeBasesOff={conversationsState.current()?.knowledgeBasesOff ?? []}
          knowledgeNames={agentState.knowledgeNames()}
          onNewChat={startChatWith}
          onKnowledgeChange={(baseId, off) => void setKnowledgeSearched(baseId, !off)}
        />
        <main class="app-main" ref={setScroller}>
          <Show when={showWelcome()}>
            <FirstRun
              models={modelsState}
              onUseModel={(item) => {
                if (modelsState) startRecommended(modelsState, item);
              }}
              onOpenModels={openModels}
              onConnectServer={openSettings}
              onDismiss={() => {
                setWelcomeHidden(true);
                composerInput?.focus();
                void settingsState.save({ ...settingsState.settings(), welcomeDismissed: true });
              }}
            />
          </Show>
          {/* The start screen: the agent's introduction with its starter prompts, and the other agents. */}
          <Show when={controller.turns.length === 0}>
            <Show when={agentOf(agentState.current())}>
              {(agent) => <AgentIntro agent={agent()} disabled={controller.running()} onSend={(text) => void controller.send(text)} />}
            </Show>
            <AgentChoices
              agents={agentState.agents().filter((agent) => agent.id !== agentOf(agentState.current())?.id)}
              onChoose={startChatWith}
            />
          </Show>
          <ChatView controller={controller} onTryDemo={openDemos} />
        </main>
        {/* The welcome recommends a model itself: the offer below the chat would only repeat it. */}
        <Show when={modelsState && !configured() && !showWelcome() ? modelsState : undefined}>
          {(state) => (
            <LocalModelOffer
              state={state()}
              onOpenModels={openModels}
              // Read `state()` now: saving configures the app, which unmounts this offer and its accessor.
              onUse={(item) => startRecommended(state(), item)}
            />
          )}
        </Show>
        <Composer
          running={controller.running()}
          configured={configured()}
          onSend={(text, images, resources) => void controller.send(text, images, resources)}
          mcp={props.services.toolLibrary}
          acceptsImages={() => controller.acceptsImages()}
          onStop={() => controller.stop()}
          onOpenSettings={openSettings}
          inputRef={(element) => (composerInput = element)}
          draft={draft()}
        />
      </div>
      <For each={pages}>
        {(page) => (
          <Show when={route.page() === page.id}>
            <main class="app-page" aria-label={page.label()}>
              {page.render(pageContext)}
            </main>
          </Show>
        )}
      </For>
      <Show when={modelsOpen() && settingsState.loaded() && modelsState ? modelsState : undefined}>
        {(state) => (
          <ModelsDialog
            state={state()}
            current={localChoiceOf(settingsState.settings())}
            onUse={useLocalModel}
            onConnectServer={() => {
              // Settings over the Models page: close this one first, so Settings is the only dialog.
              setModelsOpen(false);
              openSettings();
            }}
            onClose={() => {
              setModelsOpen(false);
              focusBack(modelsOpener);
            }}
          />
        )}
      </Show>
      {/* A share link (#/agents/import?a=…) opens its preview over whatever page is shown. */}
      <Show when={shareLinkOpen() && props.services.agents}>
        {(agents) => (
          <SharedAgentDialog
            agents={agents()}
            openDatabase={openDatabase}
            onImported={announceAgentsChanged}
            {...(props.services.toolLibrary ? { tools: () => props.services.toolLibrary?.tools() ?? [] } : {})}
          />
        )}
      </Show>
      <Show when={demosOpen()}>
        <DemosLauncher
          host={demoHost}
          onClose={(restoreFocus) => {
            setDemosOpen(false);
            if (restoreFocus) focusBack(demosOpener);
          }}
        />
      </Show>
      {/* Both dialogs edit the saved settings: never the defaults shown before those are read. */}
      <Show when={settingsOpen() && settingsState.loaded()}>
        <SettingsDialog
          settings={settingsState.settings()}
          presets={props.services.providerPresets()}
          error={settingsState.error()}
          section={settingsSection()}
          onSave={(next) => settingsState.save(next)}
          onClose={() => {
            setSettingsOpen(false);
            setSettingsSection(undefined);
            focusBack(settingsOpener);
          }}
        />
      </Show>
    </div>
  );
}
