import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { isEngineConfigured, type TabagentDb } from '../store';
import { createChatController } from './chat/chat-controller';
import { ChatView } from './components/chat-view';
import { Composer } from './components/composer';
import { ErrorAlert } from './components/error-alert';
import { followScroll } from './components/follow-scroll';
import type { AppServices } from './services';
import { createSettingsState } from './settings/settings-state';
import { SettingsDialog } from './settings/settings-dialog';

export interface AppProps {
  services: AppServices;
  /** IndexedDB database name (tests use their own). */
  databaseName?: string;
}

/** The whole app: header with Settings, the conversation, the composer. */
export function App(props: AppProps) {
  const [settingsOpen, setSettingsOpen] = createSignal(false);
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
  const controller = createChatController({
    runAgent: props.services.runAgent,
    prepareRun: () => props.services.prepareRun(settingsState.settings()),
  });

  const [scroller, setScroller] = createSignal<HTMLElement>();
  followScroll(scroller, () => {
    const last = controller.turns.at(-1);
    for (const item of last?.items ?? []) void (item.kind === 'assistant' ? item.text : item.status);
    void last?.status;
  });

  onMount(() => void settingsState.load());
  onCleanup(() => {
    void controller.clear();
    void database?.then((db) => db.close()).catch(() => undefined);
  });

  return (
    <div class="app">
      <header class="app-header">
        <h1>Tabagent</h1>
        <button type="button" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
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
      <main class="app-main" ref={setScroller}>
        <ChatView controller={controller} />
      </main>
      <Composer
        running={controller.running()}
        configured={!settingsState.loaded() || isEngineConfigured(settingsState.settings())}
        onSend={(text) => void controller.send(text)}
        onStop={() => controller.stop()}
        onOpenSettings={() => setSettingsOpen(true)}
      />
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
