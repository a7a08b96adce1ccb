import type { TabagentDb } from '../store';

/** Opens the database on first use; `close` closes the connection if one was opened. */
export interface DatabaseOpener {
  (): Promise<TabagentDb>;
  close: () => Promise<void>;
}

/**
 * Opens the database once and hands the same connection to every caller. A failed open is
 * retried on the next call instead of failing forever (a blocked upgrade, a transient error).
 */
export function createDatabaseOpener(open: () => Promise<TabagentDb>): DatabaseOpener {
  let database: Promise<TabagentDb> | undefined;
  const opener = (): Promise<TabagentDb> => {
    if (database === undefined) {
      const opening = open();
      opening.catch(() => {
        if (database === opening) database = undefined;
      });
      database = opening;
    }
    return database;
  };
  const close = async (): Promise<void> => {
    const opened = database;
    database = undefined;
    if (opened) (await opened.catch(() => undefined))?.close();
  };
  return Object.assign(opener, { close });
}
