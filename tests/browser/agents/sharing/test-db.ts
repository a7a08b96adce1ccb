/** A real IndexedDB for the sharing tests: opened on demand, closed and deleted after each test. */
import { deleteDB } from 'idb';
import { afterEach } from 'vitest';
import { openTabagentDb, type TabagentDb } from '../../../../src/store';
import { unmountAll } from '../../support/mount';

/** Registers the clean-up and returns the opener for database `name`. */
export function useTestDatabase(name: string): () => Promise<TabagentDb> {
  const opened: TabagentDb[] = [];
  afterEach(async () => {
    unmountAll();
    for (const db of opened.splice(0)) db.close();
    await deleteDB(name);
  });
  return async () => {
    const db = await openTabagentDb({ name });
    opened.push(db);
    return db;
  };
}
