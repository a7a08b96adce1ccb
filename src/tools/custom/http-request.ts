/**
 * Turns an HTTP template and a call's (validated) arguments into the exact request to send.
 * Arguments are data, never syntax: in the URL they are percent-encoded (so `/`, `?`, `#`, `&`
 * cannot add path segments or parameters, and `.`/`..` cannot climb the path), in headers they
 * may not contain line breaks (no header injection), and in the body they are placed into the
 * parsed JSON document (no quote breaking). Secret placeholders are left for later: the preview
 * shows them as such, and the values are filled in only when the request is sent.
 */
import { TabagentError } from '../../core/errors';
import type { RequestPreview } from '../../core/tool-runner';
import { BODY_METHODS, type HttpImplementation, type HttpMethod } from './implementation';
import { expandPlaceholders, wholePlaceholder } from './template';
import { splitUrlTemplate } from './url-template';

/** The request a call makes (a `RequestPreview` with a known method). */
export interface BuiltHttpRequest extends RequestPreview {
  method: HttpMethod;
  headers: Record<string, string>;
}

/** Header names: RFC 9110 tokens. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LINE_BREAK = /[\r\n\0]/;

function own(args: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(args, name) ? args[name] : undefined;
}

function missing(name: string, where: string): TabagentError {
  return new TabagentError('invalid-arguments', `Argument "${name}" is needed for the ${where} but was not given.`, { data: { argument: name } });
}

/** An argument as text: strings as they are, numbers and booleans in JSON form, structures as JSON. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function expandPath(path: string, args: Record<string, unknown>): string {
  const templateSegments = path.split('/');
  const expanded = templateSegments.map((segment) =>
    expandPlaceholders(segment, (name) => {
      const value = own(args, name);
      if (!present(value)) throw missing(name, 'URL path');
      return Array.isArray(value) ? value.map((item) => encodeURIComponent(text(item))).join(',') : encodeURIComponent(text(value));
    }),
  );
  expanded.forEach((segment, index) => {
    // URL parsers treat "." and ".." (also as %2e) as moves up the path, even when encoded.
    if (segment !== templateSegments[index] && /^(?:\.|%2e){1,2}$/i.test(segment)) {
      throw new TabagentError('invalid-arguments', 'An argument may not be "." or "..": it would change which path of the API is called.');
    }
  });
  return expanded.join('/');
}

function expandQuery(query: string, args: Record<string, unknown>): string[] {
  const pairs: string[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    const valueTemplate = equals < 0 ? undefined : pair.slice(equals + 1);
    const expandedKey = expandPlaceholders(key, (name) => {
      const value = own(args, name);
      if (!present(value)) throw missing(name, 'URL query');
      return encodeURIComponent(text(value));
    });
    if (valueTemplate === undefined) {
      pairs.push(expandedKey);
      continue;
    }
    const whole = wholePlaceholder(valueTemplate);
    if (whole !== undefined) {
      // `key={name}`: an absent optional argument drops the pair; a list repeats it (key=a&key=b).
      const value = own(args, whole);
      if (!present(value)) continue;
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) pairs.push(`${expandedKey}=${encodeURIComponent(text(item))}`);
      continue;
    }
    const expandedValue = expandPlaceholders(valueTemplate, (name) => {
      const value = own(args, name);
      if (!present(value)) throw missing(name, 'URL query');
      return encodeURIComponent(text(value));
    });
    pairs.push(`${expandedKey}=${expandedValue}`);
  }
  return pairs;
}

/** The request URL: the template's fixed origin, then the expanded path and query (the fragment is never sent). */
export function buildUrl(template: string, args: Record<string, unknown>): string {
  const split = splitUrlTemplate(template);
  if ('problem' in split) throw new TabagentError('config', `The tool's URL ${split.problem}.`);
  const withoutFragment = split.rest.split('#')[0] ?? '';
  const queryAt = withoutFragment.indexOf('?');
  const path = queryAt < 0 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const query = queryAt < 0 ? '' : withoutFragment.slice(queryAt + 1);
  const pairs = expandQuery(query, args);
  const url = `${split.origin}${expandPath(path, args)}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
  // Defence in depth: whatever the arguments were, the request goes to the template's origin.
  if (new URL(url).origin !== split.origin) throw new TabagentError('invalid-arguments', 'The arguments would change where the request goes.');
  return url;
}

/** Header values: `{name}` expanded as text; a header that is exactly `{name}` is left out when the argument is absent. */
export function buildHeaders(templates: Record<string, string>, args: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    if (!HEADER_NAME.test(name)) throw new TabagentError('config', `"${name}" is not a valid header name.`);
    const whole = wholePlaceholder(template);
    if (whole !== undefined && !present(own(args, whole))) continue;
    const value = expandPlaceholders(template, (argument) => {
      const raw = own(args, argument);
      if (!present(raw)) throw missing(argument, `header ${name}`);
      const expanded = text(raw);
      if (LINE_BREAK.test(expanded)) {
        throw new TabagentError('invalid-arguments', `Argument "${argument}" contains a line break, which cannot go into the header ${name}.`, {
          data: { argument, header: name },
        });
      }
      return expanded;
    });
    if (LINE_BREAK.test(value)) throw new TabagentError('config', `The header ${name} contains a line break.`);
    headers[name] = value;
  }
  return headers;
}

function fillBody(node: unknown, args: Record<string, unknown>): unknown {
  if (typeof node === 'string') {
    const whole = wholePlaceholder(node);
    if (whole !== undefined) return own(args, whole);
    return expandPlaceholders(node, (name) => {
      const value = own(args, name);
      if (!present(value)) throw missing(name, 'request body');
      return text(value);
    });
  }
  if (Array.isArray(node)) return node.map((item) => fillBody(item, args) ?? null);
  if (typeof node === 'object' && node !== null) {
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const result = fillBody(value, args);
      // An absent optional argument leaves its property out.
      if (result !== undefined) Object.defineProperty(filled, key, { value: result, enumerable: true, writable: true, configurable: true });
    }
    return filled;
  }
  return node;
}

/** The JSON body: the template parsed, each `"{name}"` string replaced by the argument's value. */
export function buildBody(template: string, args: Record<string, unknown>): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(template) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TabagentError('config', `The tool's body template is not valid JSON: ${reason}`);
  }
  return JSON.stringify(fillBody(parsed, args) ?? null);
}

/** The whole request for one call. Throws TabagentError ('invalid-arguments' or 'config'). */
export function buildHttpRequest(implementation: HttpImplementation, args: Record<string, unknown>): BuiltHttpRequest {
  const headers = buildHeaders(implementation.headers ?? {}, args);
  const request: BuiltHttpRequest = { method: implementation.method, url: buildUrl(implementation.url, args), headers };
  if (implementation.body !== undefined && implementation.body.trim() !== '' && BODY_METHODS.has(implementation.method)) {
    request.body = buildBody(implementation.body, args);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  return request;
}
