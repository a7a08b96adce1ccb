import { originOf } from '../origins';
import { HTTP_METHODS, type OpenApiBinding } from './binding';
import { isRecord } from '../../core/is-record';

const LOCATIONS = new Set(['path', 'query', 'header']);
const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/**
 * Whether a stored binding is well-formed and calls only one of `allowedOrigins`. Bindings are
 * read back from IndexedDB, which other code (or an edited export) may have written, so a tool is
 * rebuilt only from a binding that passes.
 */
export function isOpenApiBinding(value: unknown, allowedOrigins: readonly string[]): value is OpenApiBinding {
  if (!isRecord(value)) return false;
  const { method, path, serverUrl, parameters, security, body } = value;
  if (typeof method !== 'string' || !METHODS.has(method)) return false;
  if (typeof path !== 'string' || !path.startsWith('/')) return false;
  if (typeof serverUrl !== 'string') return false;
  const origin = originOf(serverUrl);
  if (!origin || !/^https?:\/\//.test(serverUrl) || !allowedOrigins.includes(origin)) return false;
  if (!Array.isArray(parameters) || !parameters.every((parameter) => isRecord(parameter) && typeof parameter.argument === 'string' && typeof parameter.name === 'string' && LOCATIONS.has(String(parameter.in)) && typeof parameter.style === 'string')) {
    return false;
  }
  if (!Array.isArray(security) || !security.every((alternative) => Array.isArray(alternative) && alternative.every((scheme) => isRecord(scheme) && typeof scheme.scheme === 'string' && typeof scheme.parameter === 'string' && (scheme.in === 'header' || scheme.in === 'query')))) {
    return false;
  }
  if (body !== undefined) {
    if (!isRecord(body) || typeof body.contentType !== 'string') return false;
    if (body.mode === 'whole') return typeof body.argument === 'string';
    if (body.mode !== 'spread' || !Array.isArray(body.properties)) return false;
    return body.properties.every((property) => isRecord(property) && typeof property.argument === 'string' && typeof property.name === 'string');
  }
  return true;
}
