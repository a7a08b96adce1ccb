import { TABAGENT_DB_NAME } from './schema';

/**
 * Whether the database `name` existed when asked, or undefined where the browser cannot say
 * (`indexedDB.databases` is missing or fails). Asked before anything opens it, a `false` means a
 * first visit: nothing is saved yet, so nothing needs to wait for the database to be created.
 */
export async function databaseExists(name: string = TABAGENT_DB_NAME): Promise<boolean | undefined> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return undefined;
    return (await indexedDB.databases()).some((database) => database.name === name);
  } catch {
    return undefined;
  }
}
