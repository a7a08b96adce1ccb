/**
 * Model files checked against the hashes their source publishes. Stops a tampered or corrupted
 * download (a hostile mirror, a proxy that rewrites files, a flipped byte) from being loaded or
 * cached: the Hugging Face hub lists, in `/api/models/{model}/tree/{revision}`, each LFS file's
 * SHA-256 (`lfs.oid`: the weights) and each other file's git blob SHA-1 (`oid`: configs,
 * tokenizers). A file whose bytes hash to anything else is refused with TabagentError('integrity')
 * before the library that asked (transformers.js, web-llm) sees it, so it never reaches a cache.
 * Files the listing gives no hash for, or sources without a listing, pass unchecked.
 */
import { TabagentError } from '../../core/errors';
import { hostOf } from '../../core/network-errors';

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** One file of the hub's tree listing (the fields used here). */
interface TreeEntry {
  type?: string;
  path?: string;
  /** The git blob's SHA-1 (for an LFS file, the pointer's: not the content's). */
  oid?: string;
  lfs?: { oid?: string };
}

/** A published hash of one file. */
interface PublishedHash {
  /** 'sha256': of the bytes; 'git-sha1': of git's blob encoding (`blob <size>\0` + bytes). */
  kind: 'sha256' | 'git-sha1';
  hex: string;
}

/** The hash the listing publishes for an entry: LFS SHA-256 first; a plain file's blob SHA-1. */
function publishedHash(entry: TreeEntry): PublishedHash | undefined {
  const lfs = entry.lfs?.oid;
  if (entry.lfs !== undefined) return typeof lfs === 'string' && /^[0-9a-f]{64}$/i.test(lfs) ? { kind: 'sha256', hex: lfs.toLowerCase() } : undefined;
  return typeof entry.oid === 'string' && /^[0-9a-f]{40}$/i.test(entry.oid) ? { kind: 'git-sha1', hex: entry.oid.toLowerCase() } : undefined;
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

function hex(digest: ArrayBuffer): string {
  let text = '';
  for (const byte of new Uint8Array(digest)) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** Lower-case hex SHA-256 of the bytes (SubtleCrypto: it has no streaming digest, so the whole file). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

/** Lower-case hex of git's blob id for the bytes: SHA-1 of `blob <size>\0` followed by them. */
export async function gitBlobSha1Hex(bytes: ArrayBuffer): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.byteLength}\0`);
  const blob = new Uint8Array(header.length + bytes.byteLength);
  blob.set(header);
  blob.set(new Uint8Array(bytes), header.length);
  return hex(await crypto.subtle.digest('SHA-1', blob));
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
  const listings = new Map<string, Promise<Map<string, PublishedHash>>>();

  const hashesFor = (file: HubFile): Promise<Map<string, PublishedHash>> => {
    const key = `${file.model}@${file.revision}`;
    let listing = listings.get(key);
    if (!listing) {
      listing = (async () => {
        const hashes = new Map<string, PublishedHash>();
        try {
          const response = await fetchImpl(`${file.base}api/models/${file.model}/tree/${encodeURIComponent(file.revision)}?recursive=true`);
          if (!response.ok) return hashes;
          const entries = (await response.json()) as unknown;
          if (!Array.isArray(entries)) return hashes;
          for (const entry of entries as TreeEntry[]) {
            const hash = entry.type === 'file' && typeof entry.path === 'string' ? publishedHash(entry) : undefined;
            if (hash) hashes.set(entry.path!, hash);
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
    // web-llm downloads through `Cache.add`, which hands over a Request: its method and headers count too.
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : input.toString();
    const file = parseHubUrl(url, remoteHost);
    const response = await fetchImpl(input, init);
    // Only a whole file can be hashed: a HEAD, a range request (206) or a failure passes through.
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const ranged = new Headers(init?.headers ?? request?.headers).has('range');
    if (!file || response.status !== 200 || method !== 'GET' || ranged) return response;
    const expected = (await hashesFor(file)).get(file.path);
    if (expected === undefined) return response;
    const bytes = await response.arrayBuffer();
    const actual = expected.kind === 'sha256' ? await sha256Hex(bytes) : await gitBlobSha1Hex(bytes);
    if (actual !== expected.hex) throw integrityError(url, file.path, expected.hex, actual);
    return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
