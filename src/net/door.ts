import { TabagentError, isAbortError } from '../core/errors';
import { placeholderIds, replacePlaceholders } from '../core/secret-placeholder';
import { meterBody } from './metered-body';
import { decodePlaceholders, redactSecrets, redactUrl, secretForms } from './redact';
import { MAX_REDIRECTS, isReadableRedirect, nextHop } from './redirect';
import type { LedgerHandle, NetworkLedger, NetworkPolicy, SecretSource, SecretValue } from './types';

export interface NetworkDoorOptions {
  policy: NetworkPolicy;
  ledger: NetworkLedger;
  /** Where secret values come from (default: none; every placeholder is then blocked). */
  secrets?: SecretSource;
  /** The fetch that really sends (default: the global fetch at creation, before any door replaced it). */
  fetch?: typeof fetch;
  /**
   * The app's own origin: requests for its own files pass without a ledger entry (they are the
   * app itself, not data leaving). Default: `location.origin` where there is one.
   */
  appOrigin?: string;
  /** Wall clock (ms since the epoch). */
  now?: () => number;
}

/** A `fetch` that goes through the door, with the door's other powers beside it. */
export interface NetworkDoor {
  /** fetch-compatible: policy-checked, secrets substituted, recorded. The requester is unknown. */
  readonly fetch: typeof fetch;
  /** The same door, recording `requester` (e.g. 'engine', 'tool:model_api') as the one asking. Nothing is added to the request. */
  as(requester: string): typeof fetch;
  /** Removes every secret value (in any encoding) from text. */
  redact(text: string): string;
}

const NO_SECRETS: SecretSource = { get: () => undefined, list: () => [] };

/** Bodies of these methods are never read or rewritten. */
const BODYLESS = new Set(['GET', 'HEAD']);

function defaultAppOrigin(): string | undefined {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return origin && origin !== 'null' ? origin : undefined;
}

function blocked(reason: string, origin: string): TabagentError {
  return new TabagentError('network-blocked', reason, { data: { origin } });
}

/** Placeholders found in one request, and the text of its body when it has one worth scanning. */
interface Found {
  ids: string[];
  bodyText: string | undefined;
}

function findPlaceholders(url: string, headers: Headers, body: Uint8Array<ArrayBuffer> | undefined): Found {
  const ids = new Set(placeholderIds(decodePlaceholders(url)));
  headers.forEach((value) => {
    for (const id of placeholderIds(value)) ids.add(id);
  });
  let bodyText: string | undefined;
  if (body && body.byteLength > 0) {
    // Decoding without `fatal` is only for finding ASCII placeholders; a binary body has none.
    const text = new TextDecoder().decode(body);
    const inBody = placeholderIds(decodePlaceholders(text));
    if (inBody.length > 0) {
      bodyText = text;
      for (const id of inBody) ids.add(id);
    }
  }
  return { ids: [...ids], bodyText };
}

/** How a value is written where a placeholder stood in a body of this content type. */
function bodyEncoding(contentType: string | null): (value: string) => string {
  if (contentType?.includes('json')) return (value) => JSON.stringify(value).slice(1, -1);
  if (contentType?.includes('x-www-form-urlencoded')) return encodeURIComponent;
  return (value) => value;
}

/**
 * Creates the one door to the network. Every outbound request of the app goes through it:
 *
 * - the policy decides whether the origin may be reached (strict mode: only granted origins);
 * - `{{secret:ID}}` placeholders in the URL, headers or body are replaced by the secret's value
 *   only when the request's origin is among the secret's granted origins; a placeholder for any
 *   other origin (or an unknown secret) blocks the request;
 * - every request (allowed or blocked) is recorded: time, origin, method, redacted URL, bytes
 *   sent and received, status, requester;
 * - a response to a request that carried secrets has their values scrubbed from its body, and
 *   cannot be redirected elsewhere with them;
 * - other redirects are followed by hand: each hop is checked against the policy and recorded
 *   before it is sent, a body is never sent again to another origin, and credential headers never
 *   leave their origin. Where the runtime hides the target (a browser's opaque redirect), only a
 *   request without a body is re-sent for the browser to follow, and where it landed is checked
 *   and recorded (see docs/network-and-security.md).
 *
 * Stops data and credentials from reaching an origin the person never granted, and secret values
 * from entering a prompt, a log, an error message or an export.
 */
export function createNetworkDoor(options: NetworkDoorOptions): NetworkDoor {
  const original = globalThis.fetch?.bind(globalThis);
  const send: typeof fetch = options.fetch ?? ((input, init) => original(input, init));
  const secrets = options.secrets ?? NO_SECRETS;
  const appOrigin = options.appOrigin ?? defaultAppOrigin();
  const now = options.now ?? (() => Date.now());

  const redact = (text: string): string => redactSecrets(text, secrets.list());

  /** Where a request is in a redirect chain the door follows by hand. */
  interface Hop {
    requester: string | undefined;
    /** Redirects followed to reach this request. */
    count: number;
    /** The origin whose redirect led here. */
    from?: string;
  }

  async function pass(input: RequestInfo | URL, init: RequestInit | undefined, hop: Hop): Promise<Response> {
    const { requester } = hop;
    const request = new Request(input, init);
    const url = new URL(request.url);
    // Not the network (data:, blob:): nothing leaves the machine.
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return send(request);
    const origin = url.origin;
    const method = request.method.toUpperCase();
    const body = !BODYLESS.has(method) && request.body !== null ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const headers = new Headers(request.headers);
    const found = findPlaceholders(request.url, headers, body);
    if (origin === appOrigin && found.ids.length === 0 && hop.count === 0) {
      return send(body ? rebuild(request, request.url, headers, body, request.redirect) : request);
    }

    if (secrets.ready) await secrets.ready;
    // A secret stored a moment ago (by another part of the app) may not be cached yet.
    if (found.ids.some((id) => !secrets.get(id)) && secrets.refresh) await secrets.refresh();
    const known = secrets.list();
    const started = now();
    const base = { time: started, method, url: redactUrl(request.url, known), origin, ...(requester ? { requester } : {}) };
    const refuse = (reason: string): TabagentError => {
      const why = hop.from ? `${reason} (reached by a redirect from ${hop.from})` : reason;
      options.ledger.begin({ ...base, outcome: 'blocked', reason: why, bytesSent: 0 });
      return blocked(why, origin);
    };

    const decision = await options.policy.decide({ origin, method, ...(requester ? { requester } : {}) });
    if (!decision.allowed) throw refuse(decision.reason);
    const used: SecretValue[] = [];
    for (const id of found.ids) {
      const secret = secrets.get(id);
      if (!secret) {
        throw refuse(`Blocked a request to ${origin}: it refers to a secret (${id}) that does not exist. Add it on the Network page, or fix the tool's settings.`);
      } else if (!secret.origins.includes(origin)) {
        const granted = secret.origins.length > 0 ? secret.origins.join(', ') : 'no origin';
        throw refuse(
          `Blocked a request to ${origin}: it carries the secret "${secret.label}", which may be sent only to ${granted}. ` +
            'To allow it, add this origin to the secret on the Network page.',
        );
      } else {
        used.push(secret);
      }
    }

    // Redirects are followed by hand (each hop checked and recorded before it is sent), unless
    // the caller asked for another mode or secrets ride along (then a redirect is an error).
    const byHand = request.redirect === 'follow' && used.length === 0;
    const valueOf = (id: string): string | undefined => used.find((secret) => secret.id === id)?.value;
    let outgoing: Request;
    if (used.length > 0) {
      const newUrl = replacePlaceholders(decodePlaceholders(request.url), (id) => {
        const value = valueOf(id);
        return value === undefined ? undefined : encodeURIComponent(value);
      });
      const withValues = new Headers(headers);
      withValues.forEach((value, name) => {
        const replaced = replacePlaceholders(value, valueOf);
        if (replaced !== value) withValues.set(name, replaced);
      });
      let newBody = body;
      if (found.bodyText !== undefined) {
        const encode = bodyEncoding(headers.get('content-type'));
        const text = replacePlaceholders(decodePlaceholders(found.bodyText), (id) => {
          const value = valueOf(id);
          return value === undefined ? undefined : encode(value);
        });
        newBody = new TextEncoder().encode(text);
      }
      // A redirect would carry the credentials to wherever the server points: refuse to follow.
      const redirect = request.redirect === 'follow' ? 'error' : request.redirect;
      outgoing = rebuild(request, newUrl, withValues, newBody, redirect);
    } else {
      outgoing = rebuild(request, request.url, headers, body, byHand ? 'manual' : request.redirect);
    }

    const handle = options.ledger.begin({
      ...base,
      outcome: 'allowed',
      bytesSent: body?.byteLength ?? 0,
      ...(!requester && decision.grantedBy ? { requester: decision.grantedBy } : {}),
    });
    let response: Response;
    try {
      response = await send(outgoing);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      handle.finish({ error: redactSecrets(message, known), durationMs: now() - started, bytesReceived: 0 });
      if (isAbortError(error) || TabagentError.is(error)) throw error;
      const scrubbed = redactSecrets(message, known);
      throw scrubbed === message ? error : new TypeError(scrubbed);
    }
    if (byHand && isReadableRedirect(response)) {
      handle.finish({ status: response.status, bytesReceived: 0, durationMs: now() - started });
      void response.body?.cancel().catch(() => undefined);
      return follow(request, { url, method, headers, body }, response, hop);
    }
    if (byHand && response.type === 'opaqueredirect') {
      // A browser hides where a redirect goes (see docs/network-and-security.md).
      handle.finish({ bytesReceived: 0, durationMs: now() - started });
      if (body) {
        throw refuse(`Blocked a redirect from ${origin}: the browser does not say where it leads, and the request body must not be sent on unseen.`);
      }
      const again = options.ledger.begin({ ...base, time: now(), outcome: 'allowed', bytesSent: 0 });
      try {
        response = await send(rebuild(request, request.url, headers, undefined, 'follow'));
      } catch (error) {
        again.finish({ error: redactSecrets(error instanceof Error ? error.message : String(error), known), durationMs: now() - started });
        throw error;
      }
      return receive(response, { origin, handle: again, started, used, requester, redirected: false, url: request.url });
    }
    return receive(response, { origin, handle, started, used, requester, redirected: hop.count > 0, url: request.url });
  }

  /** Sends the next request of a redirect chain through the door (policy, secrets and ledger again). */
  function follow(
    request: Request,
    sent: { url: URL; method: string; headers: Headers; body: Uint8Array<ArrayBuffer> | undefined },
    response: Response,
    hop: Hop,
  ): Promise<Response> {
    const location = response.headers.get('location') ?? '';
    const next = nextHop(sent.url, response.status, location, sent);
    const origin = sent.url.origin;
    const refuse = (target: string, url: string, reason: string): TabagentError => {
      options.ledger.begin({ time: now(), method: sent.method, url: redactUrl(url, secrets.list()), origin: target, outcome: 'blocked', reason, bytesSent: 0, ...(hop.requester ? { requester: hop.requester } : {}) });
      return blocked(reason, target);
    };
    if ('refused' in next) {
      let target = origin;
      try {
        target = new URL(location, sent.url).origin;
      } catch {
        // Not a URL: recorded under the origin that sent it.
      }
      return Promise.reject(refuse(target, location, `Blocked a redirect from ${origin}: ${next.refused}.`));
    }
    if (hop.count + 1 > MAX_REDIRECTS) {
      return Promise.reject(refuse(next.url.origin, next.url.href, `Blocked a redirect from ${origin}: more than ${MAX_REDIRECTS} redirects in a row.`));
    }
    const init: RequestInit = {
      method: next.method,
      headers: next.headers,
      signal: request.signal,
      redirect: 'follow',
      credentials: request.credentials,
      cache: request.cache,
      referrerPolicy: request.referrerPolicy,
    };
    if (request.mode !== 'navigate') init.mode = request.mode;
    if (next.body && next.body.byteLength > 0) init.body = next.body.slice();
    return pass(next.url.href, init, { requester: hop.requester, count: hop.count + 1, from: origin });
  }

  async function receive(
    response: Response,
    context: {
      origin: string;
      handle: LedgerHandle;
      started: number;
      used: SecretValue[];
      requester: string | undefined;
      /** The door followed redirects by hand to get here. */
      redirected: boolean;
      /** The URL this response answers. */
      url: string;
    },
  ): Promise<Response> {
    const { handle, started, used } = context;
    const declared = Number(response.headers.get('content-length'));
    handle.update({ status: response.status, ...(Number.isFinite(declared) && declared > 0 ? { bytesReceived: declared } : {}) });
    // A redirect the browser followed may have landed on an origin that was never granted.
    if (response.redirected && response.url) {
      const landed = new URL(response.url).origin;
      if (landed !== context.origin) {
        const decision = await options.policy.decide({ origin: landed, method: 'GET', ...(context.requester ? { requester: context.requester } : {}) });
        const known = secrets.list();
        const hopEntry = { time: now(), method: 'GET', url: redactUrl(response.url, known), origin: landed, bytesSent: 0, ...(context.requester ? { requester: context.requester } : {}) };
        if (!decision.allowed) {
          void response.body?.cancel().catch(() => undefined);
          options.ledger.begin({ ...hopEntry, outcome: 'blocked', reason: `${decision.reason} (reached by a redirect the browser followed)` });
          handle.finish({ outcome: 'blocked', reason: decision.reason, durationMs: now() - started });
          throw blocked(decision.reason, landed);
        }
        options.ledger.begin({ ...hopEntry, outcome: 'allowed', status: response.status, reason: `reached by a redirect from ${context.origin}` }).finish({});
      }
    }
    if (response.body === null || response.type === 'opaque' || response.type === 'opaqueredirect') {
      handle.finish({ bytesReceived: 0, durationMs: now() - started });
      return response;
    }
    const encoder = new TextEncoder();
    const patterns = used.flatMap((secret) => secretForms(secret.value).map((form) => encoder.encode(form)));
    const metered = meterBody(response.body, {
      ...(patterns.length > 0 ? { redact: patterns } : {}),
      onEnd: (bytes, error) => handle.finish({ bytesReceived: bytes, durationMs: now() - started, ...(error ? { error } : {}) }),
    });
    const headers = new Headers(response.headers);
    // Scrubbing can change the length.
    if (patterns.length > 0) headers.delete('content-length');
    const wrapped = new Response(metered, { status: response.status, statusText: response.statusText, headers });
    // Libraries read these; a constructed Response would otherwise report an empty URL.
    Object.defineProperty(wrapped, 'url', { value: response.url || (context.redirected ? context.url : '') });
    Object.defineProperty(wrapped, 'redirected', { value: response.redirected || context.redirected });
    return wrapped;
  }

  const as = (requester: string | undefined): typeof fetch => (input, init) => pass(input, init, { requester, count: 0 });
  return { fetch: as(undefined), as: (requester) => as(requester), redact };
}

/** A copy of `request` with another URL, headers, body and redirect mode; everything else kept. */
function rebuild(request: Request, url: string, headers: Headers, body: Uint8Array<ArrayBuffer> | undefined, redirect: RequestRedirect): Request {
  const init: RequestInit = {
    method: request.method,
    headers,
    signal: request.signal,
    redirect,
    credentials: request.credentials,
    cache: request.cache,
    integrity: request.integrity,
    keepalive: request.keepalive,
    referrerPolicy: request.referrerPolicy,
  };
  if (request.mode !== 'navigate') init.mode = request.mode;
  // A copy: a runtime may detach the buffer it sends (Node did, on a 307), and the door may send it again.
  if (body && body.byteLength > 0) init.body = body.slice();
  return new Request(url, init);
}
