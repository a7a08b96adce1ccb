import type { Accessor, JSX } from 'solid-js';
import type { Settings, TabagentDb } from '../../store';
import type { ChatController } from '../chat/chat-controller';
import type { AppServices } from '../services';

/** What every page may use: the app's services, its database, the settings and navigation. */
export interface PageContext {
  services: AppServices;
  /** The app's one database connection (opened on first use). */
  openDatabase: () => Promise<TabagentDb>;
  settings: Accessor<Settings>;
  /** Saves settings; resolves false when storing failed (the app shows why). */
  saveSettings: (next: Settings) => Promise<boolean>;
  /** The chat, e.g. for a page that starts a conversation. */
  controller: ChatController;
  /** Shows another page (`'chat'` for the conversation). */
  goTo: (page: string) => void;
}

/** A page reachable from the header's navigation and at `#/<id>`. */
export interface PageDefinition {
  /** Lower-case, URL-safe; also the hash route. */
  id: string;
  /** The navigation label, in the current language (reactive). */
  label: () => string;
  render: (context: PageContext) => JSX.Element;
}
