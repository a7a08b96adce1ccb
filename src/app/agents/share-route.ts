/**
 * Where a share link points (see share-link.ts), on its own so that the app shell can recognise a
 * share link without loading the importer.
 */

/** The route a share link opens (the Agents page reads only the part before `/import`). */
export const SHARE_ROUTE = '#/agents/import';
/** The query parameter that holds the payload. */
export const SHARE_PARAMETER = 'a';

/** The payload of a share fragment; undefined when `hash` is not a share link. */
export function sharePayload(hash: string): string | undefined {
  if (!hash.startsWith(`${SHARE_ROUTE}?`)) return undefined;
  return new URLSearchParams(hash.slice(SHARE_ROUTE.length + 1)).get(SHARE_PARAMETER) ?? undefined;
}
