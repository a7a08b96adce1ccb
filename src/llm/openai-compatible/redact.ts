/**
 * Keeps secrets out of error text. Stops API-key leaks through error messages, logs and exports:
 * servers sometimes echo the key they rejected, and error data is shown and stored.
 */

/** Header names whose values are secrets and must be scrubbed like the API key. */
const SECRET_HEADER = /auth|key|token|secret|cookie/i;

const BEARER = /(bearer\s+)[^\s"',;]+/gi;

/** Collects the secret strings of a configuration: the key and secret-looking header values. */
export function collectSecrets(apiKey: string | undefined, headers: Record<string, string>): string[] {
  const secrets = Object.entries(headers)
    .filter(([name]) => SECRET_HEADER.test(name))
    .map(([, value]) => value.trim());
  if (apiKey !== undefined) secrets.push(apiKey.trim());
  // Very short values would redact ordinary words; keys are long.
  return secrets.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
}

/** Replaces every secret and every `Bearer <token>` in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join('[redacted]');
  return result.replace(BEARER, '$1[redacted]');
}

/** Cuts long server text so an error message stays readable. */
export function truncate(text: string, limit = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}
