import { TabagentError } from '../../core/errors';
import { originOf } from '../origins';
import type { OpenApiVersion } from './document';
import { isObject, type JsonObject } from './json-object';

export interface ServerOptions {
  /** Where the document was loaded from; relative server URLs resolve against it. */
  specUrl?: string;
  /** Base URL given by the person; replaces the document's servers. */
  serverUrl?: string;
}

/** `{name}` placeholders of an OpenAPI 3 server URL filled with the variables' defaults. */
function fillVariables(url: string, variables: unknown): string {
  return url.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const variable = isObject(variables) ? variables[name] : undefined;
    const fallback = isObject(variable) ? variable.default : undefined;
    return typeof fallback === 'string' || typeof fallback === 'number' ? String(fallback) : whole;
  });
}

/** The first server URL a 3.x `servers` list gives (the spec's default is `/`). */
function openApi3Server(servers: unknown): string | undefined {
  if (!Array.isArray(servers) || servers.length === 0) return undefined;
  const first: unknown = servers[0];
  if (!isObject(first) || typeof first.url !== 'string') return undefined;
  return fillVariables(first.url, first.variables);
}

/** A Swagger 2.0 document's `schemes` + `host` + `basePath`; missing parts come from where the document was loaded. */
function swagger2Server(document: JsonObject, specUrl: string | undefined): string {
  const schemes = Array.isArray(document.schemes) ? document.schemes.filter((scheme) => scheme === 'https' || scheme === 'http') : [];
  const basePath = typeof document.basePath === 'string' ? document.basePath : '';
  if (typeof document.host !== 'string' || document.host === '') return basePath || '/';
  const fromSpec = specUrl ? new URL(specUrl).protocol.replace(':', '') : undefined;
  const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? fromSpec ?? 'https');
  return `${scheme}://${document.host}${basePath}`;
}

function absolute(url: string, specUrl: string | undefined, what: string): string {
  let resolved: URL;
  try {
    resolved = specUrl ? new URL(url, specUrl) : new URL(url);
  } catch {
    throw new TabagentError(
      'config',
      `The API's ${what} "${url}" is ${specUrl ? 'not a valid URL' : 'relative and the document was not loaded from a URL'}. Enter the API's base URL.`,
      { data: { url } },
    );
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') {
    throw new TabagentError('config', `The API's ${what} "${url}" is not an http(s) address. Enter the API's base URL.`, { data: { url } });
  }
  resolved.hash = '';
  resolved.search = '';
  return resolved.href.replace(/\/+$/, '');
}

/**
 * The absolute base URL an operation is called at (no trailing slash): the person's override,
 * else the operation's or path's own `servers` (3.x), else the document's first server. Relative
 * URLs resolve against the document's URL, as the OpenAPI specification says. Throws a 'config'
 * error asking for a base URL when none can be worked out.
 */
export function serverUrlFor(
  document: JsonObject,
  version: OpenApiVersion,
  options: ServerOptions,
  pathItem?: JsonObject,
  operation?: JsonObject,
): string {
  if (options.serverUrl?.trim()) return absolute(options.serverUrl.trim(), options.specUrl, 'base URL');
  if (version === '2.0') return absolute(swagger2Server(document, options.specUrl), options.specUrl, 'server address');
  const url = openApi3Server(operation?.servers) ?? openApi3Server(pathItem?.servers) ?? openApi3Server(document.servers) ?? '/';
  return absolute(url, options.specUrl, 'server address');
}

/** The origin of an absolute server URL. */
export function serverOrigin(serverUrl: string): string {
  const origin = originOf(serverUrl);
  if (!origin) throw new TabagentError('config', `"${serverUrl}" is not an http(s) address.`);
  return origin;
}
