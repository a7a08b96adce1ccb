/** The stored conversations the chat's view state reads and subscribes to (src/store, through the app layer). */
export { ConversationStore, restoreTurns, restoreTurnsWithImages, subscribeToStoreChanges } from '../../store';
