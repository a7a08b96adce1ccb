/**
 * Secret stripping. Tool arguments in stored conversations may carry credentials a tool was
 * (wrongly) handed; a training file is shared and kept forever, so any argument whose name
 * looks like a credential is removed, at any depth, before export.
 */

/** Single words that mark a credential (compared after splitting camelCase / snake_case / kebab-case). */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'apikey',
  'authorization',
  'auth',
  'token',
  'secret',
  'password',
  'passwd',
  'credential',
  'credentials',
  'cookie',
]);

/** Words that make a following `key` a credential: api_key, private_key, access_key. */
const KEY_PREFIXES: ReadonlySet<string> = new Set(['api', 'private', 'access']);

/** Words of a key: `apiKey` → [api, key], `X-Auth-Token` → [x, auth, token]. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * True for a key named like a credential: apiKey, api_key, authorization, token, access_token,
 * client_secret, password, cookie… Plural `tokens` (max_tokens) is a count, not a secret, so it is kept.
 */
export function isSecretKey(key: string): boolean {
  const parts = words(key);
  if (SECRET_WORDS.has(parts.join(''))) return true;
  return parts.some((word, index) => SECRET_WORDS.has(word) || (KEY_PREFIXES.has(word) && parts[index + 1] === 'key'));
}

/** A copy of `value` without secret-named keys at any depth; counts what was removed. */
export function stripSecrets<T>(value: T, removed: { count: number } = { count: 0 }): T {
  if (Array.isArray(value)) return value.map((entry: unknown) => stripSecrets(entry, removed)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (isSecretKey(key)) {
      removed.count++;
      continue;
    }
    result[key] = stripSecrets(entry, removed);
  }
  return result as T;
}
