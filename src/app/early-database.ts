/**
 * The app database, asked about and opened as the very first thing main.tsx's modules do: the
 * settings read that makes the message box ready then finds the connection open (or nearly)
 * instead of opening it after the rest of the code has been evaluated and the app mounted.
 * Imported for its effect by main.tsx only (tests open their own databases).
 */
import { databaseExists } from '../store/database-presence';
import { openTabagentDb, type OpenTabagentDbOptions } from '../store/db';
import type { TabagentDb } from '../store/schema';

/** Whether the database existed before this page opened it (see AppServices.databaseExisted). */
export const databaseExisted: Promise<boolean | undefined> = databaseExists();

// Whoever claims the connection hears about it closing for another tab's upgrade.
let claimedBy: OpenTabagentDbOptions | undefined;
// Opened at once, beside the question above (asking takes 35–200 ms in Chromium): the settings read
// takes whichever answers first (settings-state.ts). Should the open create the database before
// the question is answered, the answer is "it existed", which only means waiting for the read.
let early: Promise<TabagentDb> | undefined = openTabagentDb({
  onVersionChange: () => claimedBy?.onVersionChange?.(),
  onBlocked: () => claimedBy?.onBlocked?.(),
});
// A failure is the claimer's to report (it retries with a fresh open); never an unhandled rejection.
early.catch(() => undefined);

/**
 * `open` with the early connection handed to its first caller for the default database (the
 * app's opener, which keeps it): later calls, and calls for another database, open afresh.
 */
export function withEarlyDatabase(open: (options: OpenTabagentDbOptions) => Promise<TabagentDb>): (options: OpenTabagentDbOptions) => Promise<TabagentDb> {
  return (options) => {
    const connection = early;
    if (connection === undefined || options.name !== undefined) return open(options);
    early = undefined;
    claimedBy = options;
    return connection;
  };
}
