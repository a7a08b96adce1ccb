import { TabagentError } from '../../core/errors';
import type { OpenApiBinding, ParameterBinding } from './binding';
import { isRecord } from '../../core/is-record';

/** An HTTP request built from a call's arguments (before credentials are added). */
export interface BuiltRequest {
  url: URL;
  method: string;
  headers: Headers;
  body?: string | FormData;
}

type Scalar = string | number | boolean | null;

/** A scalar as text; anything structured (where the style has no rule for it) as JSON. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function own(args: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(args, name) ? args[name] : undefined;
}

/** encodeURIComponent, leaving the RFC 3986 reserved characters alone when `allowReserved`. */
function encode(value: string, allowReserved = false): string {
  const encoded = encodeURIComponent(value);
  return allowReserved ? encoded.replace(/%(3A|2F|3F|23|5B|5D|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/gi, (escape) => decodeURIComponent(escape)) : encoded;
}

/** A path or header value in `simple` (also `label`/`matrix` for paths) style. */
function simple(binding: ParameterBinding, value: unknown, escape: (part: string) => string): string {
  const { style, explode, name } = binding;
  let parts: string[];
  let joiner = ',';
  if (Array.isArray(value)) {
    parts = value.map((item: unknown) => escape(text(item)));
    if (explode && style === 'label') joiner = '.';
    if (explode && style === 'matrix') return parts.map((part) => `;${name}=${part}`).join('');
  } else if (isRecord(value)) {
    const entries = Object.entries(value);
    parts = explode ? entries.map(([key, item]) => `${escape(key)}=${escape(text(item))}`) : entries.flatMap(([key, item]) => [escape(key), escape(text(item))]);
    if (explode && style === 'label') joiner = '.';
    if (explode && style === 'matrix') return parts.map((part) => `;${part}`).join('');
  } else {
    parts = [escape(text(value))];
  }
  const joined = parts.join(joiner);
  if (style === 'label') return `.${joined}`;
  if (style === 'matrix') return `;${name}=${joined}`;
  return joined;
}

/**
 * Query text for one parameter (`form` and its delimited and `deepObject` relatives, or `json`),
 * already percent-encoded: the `,` between the items of a non-exploded list and the brackets of
 * `deepObject` keys stay literal, as the OpenAPI style examples write them.
 */
function queryParts(binding: ParameterBinding, value: unknown): string[] {
  const { name, style, explode } = binding;
  const encodeValue = (part: string) => encode(part, binding.allowReserved === true);
  const key = encode(name);
  if (style === 'json') return [`${key}=${encodeValue(JSON.stringify(value))}`];
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => encodeValue(text(item)));
    if (explode && (style === 'form' || style === 'spaceDelimited' || style === 'pipeDelimited' || style === 'tabDelimited')) {
      return items.map((item) => `${key}=${item}`);
    }
    const delimiter = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '%7C' : style === 'tabDelimited' ? '%09' : ',';
    return [`${key}=${items.join(delimiter)}`];
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (style === 'deepObject') return entries.map(([field, item]) => `${key}[${encode(field)}]=${encodeValue(text(item))}`);
    if (explode) return entries.map(([field, item]) => `${encode(field)}=${encodeValue(text(item))}`);
    return [`${key}=${entries.flatMap(([field, item]) => [encodeValue(field), encodeValue(text(item))]).join(',')}`];
  }
  return [`${key}=${encodeValue(text(value as Scalar))}`];
}

/** Fills a form (URL-encoded or multipart) with an object's fields; an array field repeats its key. */
function fillForm<F extends URLSearchParams | FormData>(form: F, value: unknown): F {
  if (!isRecord(value)) return form;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (Array.isArray(item)) for (const element of item) form.append(key, text(element));
    else form.append(key, text(item));
  }
  return form;
}

function formBody(value: unknown): URLSearchParams {
  return fillForm(new URLSearchParams(), value);
}

function multipartBody(value: unknown): FormData {
  return fillForm(new FormData(), value);
}

/** The body in the binding's media type, with its Content-Type (multipart sets its own, with the boundary). */
function encodeBody(contentType: string, value: unknown, headers: Headers): BuiltRequest['body'] {
  if (/^multipart\/form-data\b/i.test(contentType)) return multipartBody(value);
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    // As text, so the request preview shown for approval is byte for byte what is sent.
    headers.set('Content-Type', 'application/x-www-form-urlencoded;charset=UTF-8');
    return formBody(value).toString();
  }
  headers.set('Content-Type', contentType);
  if (/json/i.test(contentType)) return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function bodyValue(binding: OpenApiBinding, args: Record<string, unknown>): unknown {
  const body = binding.body;
  if (!body) return undefined;
  if (body.mode === 'whole') return own(args, body.argument);
  const value: Record<string, unknown> = {};
  let present = false;
  for (const { argument, name } of body.properties) {
    const item = own(args, argument);
    if (item === undefined) continue;
    Object.defineProperty(value, name, { value: item, enumerable: true, writable: true, configurable: true });
    present = true;
  }
  return present || body.required ? value : undefined;
}

/**
 * Builds the HTTP request of an OpenAPI operation from a call's (already validated) arguments,
 * serialising each parameter in its OpenAPI style. Path values are percent-encoded, so no
 * argument can change the path's shape or the origin; the result is checked to stay on the
 * binding's server origin anyway. Throws 'invalid-arguments' for a missing path value.
 */
export function buildRequest(binding: OpenApiBinding, args: Record<string, unknown>): BuiltRequest {
  const headers = new Headers();
  let path = binding.path;
  const query: string[] = [];
  for (const parameter of binding.parameters) {
    const value = own(args, parameter.argument);
    if (parameter.in === 'path') {
      if (value === undefined || value === null || value === '') {
        throw new TabagentError('invalid-arguments', `The path parameter "${parameter.argument}" is required.`);
      }
      const segment = simple(parameter, value, (part) => encode(part));
      // URL parsing turns a `..` segment (even percent-encoded) into "go up": refuse it.
      if (/^(?:\.|%2e){1,2}$/i.test(segment)) {
        throw new TabagentError('invalid-arguments', `The path parameter "${parameter.argument}" may not be "." or "..".`);
      }
      path = path.split(`{${parameter.name}}`).join(segment);
    } else if (value === undefined) {
      continue;
    } else if (parameter.in === 'query') {
      query.push(...queryParts(parameter, value));
    } else {
      const headerValue = parameter.style === 'json' ? JSON.stringify(value) : simple(parameter, value, (part) => part);
      if (/[\r\n]/.test(headerValue)) {
        throw new TabagentError('invalid-arguments', `The header "${parameter.argument}" may not contain line breaks.`);
      }
      headers.set(parameter.name, headerValue);
    }
  }
  const base = new URL(binding.serverUrl);
  const url = new URL(base.href.replace(/\/+$/, '') + path);
  if (url.origin !== base.origin) {
    throw new TabagentError('denied', `The request for ${binding.method.toUpperCase()} ${binding.path} would leave ${base.origin}; it was not sent.`);
  }
  const search = query.join('&');
  if (search) url.search = url.search ? `${url.search}&${search}` : search;
  const value = bodyValue(binding, args);
  const body = value === undefined || !binding.body ? undefined : encodeBody(binding.body.contentType, value, headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, */*;q=0.5');
  return { url, method: binding.method.toUpperCase(), headers, ...(body !== undefined ? { body } : {}) };
}
