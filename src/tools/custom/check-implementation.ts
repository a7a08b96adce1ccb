/**
 * Checks of a manifest's `implementation` that its JSON Schema cannot express: the kind matches,
 * the URL's origin is fixed and granted, every `{name}` is a declared parameter, secrets appear
 * only in headers and are declared, and the body is JSON. Each problem names its field.
 */
import { containsSecretPlaceholder, placeholderIds } from '../../core/secret-placeholder';
import { SECRET_NAME_PATTERN } from '../manifest-schema';
import { BODY_METHODS, HTTP_METHODS, KIND_OF_IMPLEMENTATION, type HttpMethod } from './implementation';
import { HEADER_NAME } from './http-request';
import { argumentNames } from './template';
import { splitUrlTemplate } from './url-template';
import { isRecord } from '../../core/is-record';

const SECRET_NAME = new RegExp(SECRET_NAME_PATTERN);

function parameterNames(manifest: Record<string, unknown>): Set<string> | undefined {
  const parameters = manifest.parameters;
  if (!isRecord(parameters)) return undefined;
  const properties = parameters.properties;
  return new Set(isRecord(properties) ? Object.keys(properties) : []);
}

function declaredSecrets(manifest: Record<string, unknown>): Set<string> {
  const secrets = Array.isArray(manifest.secrets) ? manifest.secrets : [];
  return new Set(secrets.flatMap((secret: unknown) => (isRecord(secret) && typeof secret.name === 'string' ? [secret.name] : [])));
}

function unknownArguments(field: string, text: string, known: Set<string> | undefined): string[] {
  if (!known) return [];
  return argumentNames(text)
    .filter((name) => !known.has(name))
    .map((name) => `${field}: {${name}} is not a parameter; add "${name}" to parameters.properties or remove it`);
}

function checkHttp(implementation: Record<string, unknown>, manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const known = parameterNames(manifest);
  const secrets = declaredSecrets(manifest);
  const { url, headers, body, method } = implementation;
  if (typeof url === 'string') {
    const split = splitUrlTemplate(url);
    if ('problem' in split) {
      problems.push(`implementation.url: ${split.problem}`);
    } else {
      const origins = Array.isArray(manifest.allowedOrigins) ? manifest.allowedOrigins : [];
      if (!origins.includes(split.origin)) problems.push(`allowedOrigins: must include ${split.origin}, the origin of implementation.url`);
    }
    if (containsSecretPlaceholder(url)) problems.push('implementation.url: secrets cannot go into the URL (URLs end up in logs); put them in a header');
    problems.push(...unknownArguments('implementation.url', url, known));
  }
  if (isRecord(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      const field = `implementation.headers.${name}`;
      if (!HEADER_NAME.test(name)) problems.push(`${field}: "${name}" is not a valid header name`);
      if (typeof value !== 'string') continue;
      if (/[\r\n\0]/.test(value)) problems.push(`${field}: must not contain a line break`);
      problems.push(...unknownArguments(field, value, known));
      for (const id of placeholderIds(value)) {
        if (!SECRET_NAME.test(id)) problems.push(`${field}: "${id}" is not a valid secret name (letters, digits, _ . -; starting with a letter or _)`);
        else if (!secrets.has(id)) problems.push(`${field}: the secret "${id}" is not declared in secrets`);
      }
    }
  }
  if (typeof body === 'string' && body.trim() !== '') {
    if (typeof method === 'string' && HTTP_METHODS.includes(method as HttpMethod) && !BODY_METHODS.has(method as HttpMethod)) {
      problems.push(`implementation.body: a ${method} request cannot have a body`);
    }
    try {
      JSON.parse(body);
    } catch (error) {
      problems.push(`implementation.body: is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (containsSecretPlaceholder(body)) problems.push('implementation.body: secrets can go into headers only');
    problems.push(...unknownArguments('implementation.body', body, known));
  }
  return problems;
}

/** Problems with `manifest.implementation` (none when the manifest has none). */
export function implementationProblems(manifest: Record<string, unknown>): string[] {
  const implementation = manifest.implementation;
  if (!isRecord(implementation)) return [];
  const type = implementation.type;
  if (type !== 'http' && type !== 'javascript') return [];
  const problems: string[] = [];
  const kind = KIND_OF_IMPLEMENTATION[type];
  if (manifest.kind !== kind) problems.push(`kind: must be "${kind}" for a ${type === 'http' ? 'HTTP request' : 'JavaScript'} implementation`);
  if (type === 'http') problems.push(...checkHttp(implementation, manifest));
  return problems;
}
