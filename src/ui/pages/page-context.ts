import type { Accessor, JSX } from 'solid-js';
import type { ConversationRecord, Settings, TabagentDb } from '../../store';
import type { ChatController } from '../chat/chat-controller';
import type { AppServices } from '../../app/services';

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
  /** The open conversation's own options (absent where a page is shown without the chat, e.g. tests). */
  conversation?: OpenConversation;
}

/** The conversation open in the chat, for options that are per conversation. */
export interface OpenConversation {
  /** Its record; undefined before a fresh conversation's first message. */
  record: Accessor<ConversationRecord | undefined>;
  /** Sets the knowledge bases it draws on, creating the conversation first when none is open yet. */
  setKnowledgeBaseIds: (ids: string[]) => Promise<void>;
  /** The knowledge bases it searches: its agent's (less those switched off) and its own; absent: `record().knowledgeBaseIds`. */
  searchedKnowledgeBaseIds?: Accessor<readonly string[]>;
  /** Switches one base on or off for it, whether the base is its agent's or its own; absent: `setKnowledgeBaseIds`. */
  setKnowledgeBaseSearched?: (baseId: string, searched: boolean) => Promise<void>;
}

/** A page reachable from the header's navigation and at `#/<id>`. */
export interface PageDefinition {
  /** Lower-case, URL-safe; also the hash route. */
  id: string;
  /** The navigation label, in the current language (reactive). */
  label: () => string;
  render: (context: PageContext) => JSX.Element;
}
