import type { PageDefinition } from './page-context';

/**
 * The pages besides the chat, in navigation order. Each feature adds one entry pointing at its
 * own folder; the chat itself is built into the app shell.
 */
export const pages: readonly PageDefinition[] = [];
