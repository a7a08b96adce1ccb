import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { isEngineConfigured, type TabagentDb } from '../store';
import { createChatController } from './chat/chat-controller';
import { ChatView } from './components/chat-view';
import { ConversationList } from './conversations/conversation-list';
import { createConversationsState } from './conversations/conversations-state';
import { Composer } from './components/composer';
import { ErrorAlert } from './components/error-alert';
import { followScroll } from './components/follow-scroll';
import { localChoiceOf, withLocalChoice, type LocalModelChoice } from './models/local-choice';
import { LocalModelOffer } from './models/local-model-offer';
import { ModelsDialog } from './models/models-dialog';
import { createModelsState } from './models/models-state';
import { PageNav } from './pages/page-nav';
import type { PageContext } from './pages/page-context';
import { pages } from './pages/pages';
import { createRoute } from './pages/route';
import type { AppServices } from './services';
import { createSettingsState } from './settings/settings-state';
import { SettingsDialog } from './settings/settings-dialog';

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
  let database: Promise<TabagentDb> | undefined;
  const openDatabase = (): Promise<TabagentDb> => {
    if (database === undefined) {
      const opening = props.services.openDb({ name: props.databaseName, onVersionChange: () => setOutdated(true) });
      // A failed open is retried on the next use instead of failing forever.
      opening.catch(() => {
        if (database === opening) database = undefined;
      });
      database = opening;
    }
    return database;
  };
  const settingsState = createSettingsState(openDatabase);
  // Lives with the app, not the dialog: a download goes on while the Models page is closed.
  const modelsState = props.services.models ? createModelsState(props.services.models) : undefined;
  const useLocalModel = (choice: LocalModelChoice): Promise<boolean> =>
    settingsState.save(withLocalChoice(settingsState.settings(), choice));
  const configured = (): boolean => !settingsState.loaded() || isEngineConfigured(settingsState.settings());
  const controller = createChatController({
    runAgent: props.services.runAgent,
    prepareRun: () => props.services.prepareRun(settingsState.settings()),
    // Asked at each turn start, long after `conversationsState` below exists.
    persistence: () => conversationsState.sink(),
  });
  const conversationsState = createConversationsState({ openDb: openDatabase, controller });
  const route = createRoute(new Set(['chat', ...pages.map((page) => page.id)]));
  const pageContext: PageContext = {
    services: props.services,
    openDatabase,
    settings: settingsState.settings,
    saveSettings: (next) => settingsState.save(next),
    controller,
    goTo: route.goTo,
  };
  const navItems = () => [{ id: 'chat', label: 'Chat' }, ...pages.map((page) => ({ id: page.id, label: page.label() }))];

  const [scroller, setScroller] = createSignal<HTMLElement>();
  followScroll(scroller, () => {
    const last = controller.turns.at(-1);
    for (const item of last?.items ?? []) void (item.kind === 'assistant' ? item.text : item.status);
    void last?.status;
  });

  onMount(() => {
    void settingsState.load();
    void conversationsState.init();
  });
  onCleanup(() => {
    conversationsState.dispose();
    void controller.clear();
    void database?.then((db) => db.close()).catch(() => undefined);
  });

  return (
    <div class="app">
      <header class="app-header">
        <h1>Tabagent</h1>
        <PageNav items={navItems()} current={route.page()} onSelect={route.goTo} />
        <div class="header-buttons">
          <Show when={modelsState}>
            <button type="button" onClick={() => setModelsOpen(true)}>
              Models
            </button>
          </Show>
          <button type="button" onClick={() => setSettingsOpen(true)}>
            Settings
          </button>
        </div>
      </header>
      <Show when={outdated()}>
        <div role="alert" class="error-alert">
          Tabagent was updated in another tab, so this tab can no longer save.{' '}
          <button type="button" class="link-button" onClick={() => location.reload()}>
            Reload
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
        />
        <main class="app-main" ref={setScroller}>
          <ChatView controller={controller} />
        </main>
        <Show when={modelsState && !configured() ? modelsState : undefined}>
          {(state) => (
            <LocalModelOffer
              state={state()}
              onOpenModels={() => setModelsOpen(true)}
              onUse={(item) => {
                const choice: LocalModelChoice =
                  item.model.engine === 'webllm'
                    ? { engine: 'webllm', modelId: item.model.id }
                    : { engine: 'transformers', modelId: item.model.id, device: item.device };
                // Read now: saving configures the app, which unmounts this offer and its accessor.
                const models = state();
                void useLocalModel(choice).then((saved) => {
                  if (!saved) return;
                  // Start the download now and show its progress, rather than stalling the first message.
                  setModelsOpen(true);
                  void models.load(choice, item.model.label);
                });
              }}
            />
          )}
        </Show>
        <Composer
          running={controller.running()}
          configured={configured()}
          onSend={(text) => void controller.send(text)}
          onStop={() => controller.stop()}
          onOpenSettings={() => setSettingsOpen(true)}
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
      <Show when={modelsOpen() && modelsState ? modelsState : undefined}>
        {(state) => (
          <ModelsDialog
            state={state()}
            current={localChoiceOf(settingsState.settings())}
            onUse={useLocalModel}
            onClose={() => setModelsOpen(false)}
          />
        )}
      </Show>
      <Show when={settingsOpen()}>
        <SettingsDialog
          settings={settingsState.settings()}
          tools={props.services.tools()}
          presets={props.services.providerPresets()}
          error={settingsState.error()}
          onSave={(next) => settingsState.save(next)}
          onClose={() => setSettingsOpen(false)}
        />
      </Show>
    </div>
  );
}
