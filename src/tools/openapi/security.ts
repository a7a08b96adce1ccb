import { isObject, type JsonObject, type OpenApiVersion } from './document';

/** How a credential travels. OAuth2 and OpenID Connect tokens are pasted by the person and sent as bearer tokens. */
export type OpenApiAuthKind = 'apiKey' | 'bearer' | 'basic';

/** A security scheme of the document that we can fill from a secret. */
export interface OpenApiSecurityScheme {
  /** The scheme's name in the document (`api_key`, `petstore_auth`). */
  name: string;
  kind: OpenApiAuthKind;
  /** Where the value goes. */
  in: 'header' | 'query';
  /** Header or query parameter name (`Authorization` for bearer and basic). */
  parameter: string;
  /** The document's own type, as shown to the person (`apiKey`, `http bearer`, `oauth2`…). */
  label: string;
  description?: string;
}

/** One way to authenticate: every listed scheme at once. An empty list means no credentials needed. */
export type SecurityAlternative = string[];

/** Every scheme the document declares that we can fill from a secret, by name. Cookie API keys (a browser cannot set them) are left out. */
export function securitySchemesOf(document: JsonObject, version: OpenApiVersion): Map<string, OpenApiSecurityScheme> {
  const declared = version === '2.0' ? document.securityDefinitions : isObject(document.components) ? document.components.securitySchemes : undefined;
  const schemes = new Map<string, OpenApiSecurityScheme>();
  if (!isObject(declared)) return schemes;
  for (const [name, scheme] of Object.entries(declared)) {
    if (!isObject(scheme)) continue;
    const description = typeof scheme.description === 'string' ? { description: scheme.description.slice(0, 300) } : {};
    const type = String(scheme.type ?? '');
    if (type === 'apiKey' && typeof scheme.name === 'string' && (scheme.in === 'header' || scheme.in === 'query')) {
      schemes.set(name, { name, kind: 'apiKey', in: scheme.in, parameter: scheme.name, label: `API key in ${scheme.in} "${scheme.name}"`, ...description });
    } else if ((type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') || type === 'oauth2' || type === 'openIdConnect') {
      const label = type === 'http' ? 'bearer token' : `${type} access token (sent as a bearer token)`;
      schemes.set(name, { name, kind: 'bearer', in: 'header', parameter: 'Authorization', label, ...description });
    } else if ((type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') || type === 'basic') {
      schemes.set(name, { name, kind: 'basic', in: 'header', parameter: 'Authorization', label: 'HTTP basic (user:password)', ...description });
    }
  }
  return schemes;
}

/**
 * The ways an operation may authenticate, in the document's order of preference: the operation's
 * `security`, else the document's. Alternatives that need a scheme we cannot fill are dropped;
 * when nothing is declared the operation needs no credentials (`[[]]`).
 */
export function securityAlternatives(
  operation: JsonObject,
  document: JsonObject,
  schemes: ReadonlyMap<string, OpenApiSecurityScheme>,
): SecurityAlternative[] {
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(document.security) ? document.security : [];
  if (requirements.length === 0) return [[]];
  const alternatives: SecurityAlternative[] = [];
  for (const requirement of requirements) {
    if (!isObject(requirement)) continue;
    const names = Object.keys(requirement);
    if (names.every((name) => schemes.has(name))) alternatives.push(names);
  }
  return alternatives;
}
