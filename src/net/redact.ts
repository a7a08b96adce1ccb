import { decodePlaceholders, replacePlaceholders } from '../core/secret-placeholder';

export { decodePlaceholders };
import { secretForms } from './secret-forms';
import type { SecretValue } from './types';

/** Query parameter names whose values are credentials (`api_key`, `access_token`, `sig`…). */
const CREDENTIAL_NAME = /key|token|secret|passw|pwd|auth|sig|credential|session|bearer/i;

export { secretForms };

/**
 * Replaces every secret value (in any of its forms) with `[redacted]`. Stops values from reaching
 * a log, an error message, the prompt or an export through text a server echoed back.
 */
export function redactSecrets(text: string, secrets: readonly SecretValue[]): string {
  let result = text;
  for (const secret of secrets) {
    for (const form of secretForms(secret.value)) result = result.split(form).join('[redacted]');
  }
  return result;
}

/** Text with placeholders shown as `[secret: label]`. */
export function labelPlaceholders(text: string, secrets: readonly SecretValue[]): string {
  return replacePlaceholders(text, (id) => `[secret: ${secrets.find((secret) => secret.id === id)?.label ?? id}]`);
}

/**
 * A URL as the ledger shows it: no user name or password, placeholders named by label, secret
 * values and the values of credential-like query parameters replaced by `[redacted]`.
 */
export function redactUrl(url: string, secrets: readonly SecretValue[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactSecrets(labelPlaceholders(url, secrets), secrets);
  }
  parsed.username = '';
  parsed.password = '';
  const query = [...parsed.searchParams.entries()];
  if (query.some(([name]) => CREDENTIAL_NAME.test(name))) {
    const kept = new URLSearchParams();
    for (const [name, value] of query) kept.append(name, CREDENTIAL_NAME.test(name) ? '[redacted]' : value);
    parsed.search = kept.toString().replace(/%5Bredacted%5D/g, '[redacted]');
  }
  const shown = decodePlaceholders(parsed.href);
  return redactSecrets(labelPlaceholders(shown, secrets), secrets);
}
