/**
 * Model files checked against the hashes their source publishes. Stops a tampered or corrupted
 * download (a hostile mirror, a proxy that rewrites files, a flipped byte) from being loaded or
 * cached: the Hugging Face hub lists each LFS file's SHA-256 (`lfs.oid`) in
 * `/api/models/{model}/tree/{revision}`; a file whose bytes hash to anything else is refused
 * with TabagentError('integrity') before transformers.js sees it (so it never reaches its cache).
 * Files the listing gives no hash for (small git files such as config.json), or sources without
 * a listing, pass unchecked.
 */
import { TabagentError } from '../../core/errors';
import { hostOf } from '../../core/network-errors';

type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** One file of the hub's tree listing (the fields used here). */
interface TreeEntry {
  type?: string;
  path?: string;
  lfs?: { oid?: string };
}

/** Where a hub file URL points: `{host}/{model}/resolve/{revision}/{path}`. */
interface HubFile {
  base: string;
  model: string;
  revision: string;
  path: string;
}

/** Splits a file URL of the hub's layout; undefined for any other URL. */
function parseHubUrl(url: string, remoteHost: string): HubFile | undefined {
  const base = remoteHost.endsWith('/') ? remoteHost : `${remoteHost}/`;
  if (!url.startsWith(base)) return undefined;
  const match = /^(.+?\/.+?|[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.slice(base.length).split('?')[0] ?? '');
  if (!match) return undefined;
  return { base, model: match[1]!, revision: decodeURIComponent(match[2]!), path: decodeURIComponent(match[3]!) };
}

/** Lower-case hex SHA-256 of the bytes (SubtleCrypto: it has no streaming digest, so the whole file). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The error for a file whose bytes do not match the published hash. */
export function integrityError(url: string, path: string, expected: string, actual: string): TabagentError {
  return new TabagentError(
    'integrity',
    `The model file ${path} from ${hostOf(url)} does not match the checksum its source publishes, so it was not loaded or kept. ` +
      'It may have been altered on the way. Try again later, or download the model from another source.',
    { data: { host: hostOf(url), file: path, expected, actual } },
  );
}

/**
 * A `fetch` for transformers.js (`env.fetch`) that verifies hub files under `remoteHost`
 * against the SHA-256 the hub lists for them. The listing is fetched once per model and
 * revision; a listing that cannot be read leaves the files unchecked (the download itself
 * reports the network problem).
 */
export function createVerifiedFetch(remoteHost: string, fetchImpl: Fetch = (input, init) => fetch(input, init)): Fetch {
  const listings = new Map<string, Promise<Map<string, string>>>();

  const hashesFor = (file: HubFile): Promise<Map<string, string>> => {
    const key = `${file.model}@${file.revision}`;
    let listing = listings.get(key);
    if (!listing) {
      listing = (async () => {
        const hashes = new Map<string, string>();
        try {
          const response = await fetchImpl(`${file.base}api/models/${file.model}/tree/${encodeURIComponent(file.revision)}?recursive=true`);
          if (!response.ok) return hashes;
          const entries = (await response.json()) as unknown;
          if (!Array.isArray(entries)) return hashes;
          for (const entry of entries as TreeEntry[]) {
            const oid = entry.lfs?.oid;
            if (entry.type === 'file' && typeof entry.path === 'string' && typeof oid === 'string' && /^[0-9a-f]{64}$/i.test(oid)) hashes.set(entry.path, oid.toLowerCase());
          }
        } catch {
          // No listing: nothing to check against.
        }
        return hashes;
      })();
      listings.set(key, listing);
    }
    return listing;
  };

  return async (input, init) => {
    const url = typeof input === 'string' ? input : input.toString();
    const file = parseHubUrl(url, remoteHost);
    const response = await fetchImpl(input, init);
    // Only a whole file can be hashed: a HEAD, a range request (206) or a failure passes through.
    const method = (init?.method ?? 'GET').toUpperCase();
    const ranged = new Headers(init?.headers).has('range');
    if (!file || response.status !== 200 || method !== 'GET' || ranged) return response;
    const expected = (await hashesFor(file)).get(file.path);
    if (expected === undefined) return response;
    const bytes = await response.arrayBuffer();
    const actual = await sha256Hex(bytes);
    if (actual !== expected) throw integrityError(url, file.path, expected, actual);
    return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
