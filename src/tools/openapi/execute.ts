import { TabagentError } from '../../core/errors';
import { errorFromStatus } from '../../core/http-status';
import { containsSecretPlaceholder } from '../../core/secret-placeholder';
import type { RequestPreview } from '../../core/tool-runner';
import type { ToolImplementation, ToolPreview } from '../registry';
import { noSecrets, type ResolveSecret } from '../secrets';
import type { OpenApiBinding, SecurityBinding } from './binding';
import { buildRequest, type BuiltRequest } from './request';
import { serverOrigin } from './servers';

/** Most characters of a response body handed to the model. */
export const MAX_RESPONSE_CHARS = 100_000;
const MAX_ERROR_DETAIL_CHARS = 300;

export interface OpenApiRuntime {
  /** Looks secret values up at call time, for the API's origin only. */
  resolveSecret?: ResolveSecret;
}

/** What the model gets from a successful call. */
export interface OpenApiCallResult {
  status: number;
  /** Parsed JSON when the API answered JSON, else text; absent when the body was empty. */
  body?: unknown;
  truncated?: boolean;
}

/**
 * Adds the credentials of the first way to authenticate whose schemes all have a secret: the
 * values are looked up now, for this API's origin. When no alternative is set up the request goes
 * without credentials (many documents declare security an endpoint does not enforce; the API's
 * 401 then says what is missing). A secret that is set up but missing is an error, not a silent
 * unauthenticated call.
 */
async function addCredentials(
  request: BuiltRequest,
  security: readonly SecurityBinding[][],
  resolveSecret: ResolveSecret,
  origin: string,
): Promise<SecurityBinding[]> {
  const usable = security.find((alternative) => alternative.length > 0 && alternative.every((scheme) => scheme.secretId !== undefined));
  if (!usable) return [];
  for (const scheme of usable) {
    const value = await resolveSecret(scheme.secretId!, origin);
    if (value === undefined || value === '') {
      throw new TabagentError('config', `The secret for "${scheme.scheme}" is missing or not granted to ${origin}. Set it again on the Tools page.`, {
        data: { scheme: scheme.scheme, origin },
      });
    }
    // A basic secret holds base64("user:password") already, so a door placeholder can stand in for it.
    const credential = scheme.kind === 'bearer' ? `Bearer ${value}` : scheme.kind === 'basic' ? `Basic ${value}` : value;
    if (scheme.in === 'query') request.url.searchParams.set(scheme.parameter, credential);
    else request.headers.set(scheme.parameter, credential);
  }
  return usable;
}

async function readBody(response: Response): Promise<{ body?: unknown; truncated?: boolean; text: string }> {
  const raw = await response.text();
  const truncated = raw.length > MAX_RESPONSE_CHARS;
  const text = truncated ? raw.slice(0, MAX_RESPONSE_CHARS) : raw;
  if (text === '') return { text };
  const type = response.headers.get('content-type') ?? '';
  if (/json/i.test(type) && !truncated) {
    try {
      return { body: JSON.parse(text) as unknown, text };
    } catch {
      // Declared JSON but is not: pass the text on.
    }
  }
  return { body: text, text, ...(truncated ? { truncated } : {}) };
}

/**
 * The requests a call will make, for the approval dialog: built exactly as the implementation
 * builds them (the executor then lets the call send only these). With the network door,
 * credentials are placeholders it names by label; a raw value (no door) is masked in headers.
 * A multipart body has a random boundary, so it is not part of the preview.
 */
export function createOpenApiPreview(binding: OpenApiBinding, runtime: OpenApiRuntime = {}): ToolPreview {
  const origin = serverOrigin(binding.serverUrl);
  const resolveSecret = runtime.resolveSecret ?? noSecrets;
  return async (args) => {
    const request = buildRequest(binding, args);
    const used = await addCredentials(request, binding.security, resolveSecret, origin);
    const headers: Record<string, string> = {};
    const masked = new Set(used.filter((scheme) => scheme.in === 'header').map((scheme) => scheme.parameter.toLowerCase()));
    request.headers.forEach((value, name) => {
      headers[name] = masked.has(name) && !containsSecretPlaceholder(value) ? '‹secret›' : value;
    });
    const preview: RequestPreview = { method: request.method, url: request.url.href, headers };
    if (typeof request.body === 'string') preview.body = request.body;
    return [preview];
  };
}

/**
 * The implementation of an imported OpenAPI operation: builds the request from the arguments,
 * adds credentials from secrets, and sends it through the executor's fetch, which reaches only
 * the tool's allowed origin (the API's server). A non-2xx answer is a TabagentError carrying the
 * status and the start of the body; the URL is not repeated in errors, as a query may hold a key.
 */
export function createOpenApiImplementation(binding: OpenApiBinding, runtime: OpenApiRuntime = {}): ToolImplementation {
  const origin = serverOrigin(binding.serverUrl);
  const resolveSecret = runtime.resolveSecret ?? noSecrets;
  const label = `${binding.method.toUpperCase()} ${binding.path}`;
  return async (args, context) => {
    const request = buildRequest(binding, args);
    await addCredentials(request, binding.security, resolveSecret, origin);
    const response = await context.fetch(request.url.href, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: context.signal,
      // A redirect could carry the credentials to another origin.
      redirect: 'error',
      credentials: 'omit',
    });
    const { body, truncated, text } = await readBody(response);
    if (!response.ok) {
      const detail = text.trim().slice(0, MAX_ERROR_DETAIL_CHARS);
      const hint = response.status === 401 || response.status === 403 ? ' Check the API credentials on the Tools page.' : '';
      throw errorFromStatus(response.status, `${label} answered HTTP ${response.status}${detail ? `: ${detail}` : '.'}${hint}`);
    }
    return { status: response.status, ...(body !== undefined ? { body } : {}), ...(truncated ? { truncated } : {}) } satisfies OpenApiCallResult;
  };
}
