import { TabagentError } from '../../core/errors';

/** One page of a paginated MCP list. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | undefined;
}

/** More pages than any real server sends; a server that keeps going is broken or hostile. */
const MAX_PAGES = 200;

/**
 * Follows `nextCursor` until the server stops giving one, and returns every item. Stops with a
 * 'server' error when a cursor repeats or the pages never end, so a broken server cannot keep
 * us listing forever.
 */
export async function collectPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, what: string): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    const next = result.nextCursor;
    if (next === undefined || next === null || next === '') return items;
    if (seen.has(next)) {
      throw new TabagentError('server', `The MCP server repeated a page cursor while listing its ${what}; the list was not loaded.`);
    }
    seen.add(next);
    cursor = next;
  }
  throw new TabagentError('server', `The MCP server sent more than ${MAX_PAGES} pages of ${what}; the list was not loaded.`);
}
