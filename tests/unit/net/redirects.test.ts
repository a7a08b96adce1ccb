import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkDoor } from '../../../src/net/door';
import { createMemoryLedgerStore, createNetworkLedger } from '../../../src/net/ledger';
import { createNetworkPolicy, type Grant } from '../../../src/net/policy';
import type { SecretValue } from '../../../src/net/types';

/** What one of the test servers received. */
interface Hit {
  method: string;
  url: string;
  body: string;
  authorization: string | undefined;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** A local HTTP server (its own origin) that records every request and answers with `handler`. */
async function start(handler: Handler): Promise<{ origin: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      hits.push({ method: request.method ?? '', url: request.url ?? '', body, authorization: request.headers.authorization });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

function redirect(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location });
  response.end('moved');
}

let granted: Awaited<ReturnType<typeof start>>;
let other: Awaited<ReturnType<typeof start>>;
let ungranted: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  ungranted = await start((_request, response) => response.end('secret data from the ungranted server'));
  other = await start((_request, response, body) => response.end(`other got ${body}`));
  granted = await start((request, response, body) => {
    const path = request.url ?? '';
    if (path === '/to-ungranted') return redirect(response, 302, `${ungranted.origin}/landing`);
    if (path === '/to-other-307') return redirect(response, 307, `${other.origin}/post`);
    if (path === '/to-other-303') return redirect(response, 303, `${other.origin}/after`);
    if (path === '/to-other-302') return redirect(response, 302, `${other.origin}/after`);
    if (path === '/same-307') return redirect(response, 307, '/echo');
    if (path === '/loop') return redirect(response, 302, '/loop');
    if (path === '/echo') return response.end(`echo ${request.method} ${body}`);
    response.end('ok');
  });
});

afterAll(async () => {
  for (const server of [granted, other, ungranted]) await new Promise((resolve) => server.server.close(resolve));
});

/** A door over the real Node fetch; `grants` name who may be reached. */
function setup(grants: Grant[], secrets: SecretValue[] = []) {
  const policy = createNetworkPolicy({ strict: () => true, sources: [() => grants] });
  const store = createMemoryLedgerStore();
  const ledger = createNetworkLedger(store);
  const door = createNetworkDoor({
    policy,
    ledger,
    secrets: { get: (id) => secrets.find((secret) => secret.id === id), list: () => secrets },
    appOrigin: 'https://tabagent.app',
  });
  return { door, store, ledger };
}

describe('network door: redirects followed by hand (Node fetch, real servers)', () => {
  it('never sends a request to an ungranted origin a granted one redirects to, and records the blocked hop', async () => {
    const { door, store, ledger } = setup([{ origin: granted.origin, holder: 'tool:api', privateNetwork: true }]);
    ungranted.hits.length = 0;
    await expect(door.fetch(`${granted.origin}/to-ungranted`)).rejects.toMatchObject({ code: 'network-blocked', data: { origin: ungranted.origin } });
    expect(ungranted.hits).toEqual([]);
    await ledger.flush();
    expect(store.records).toMatchObject([
      { origin: granted.origin, outcome: 'allowed', status: 302 },
      { origin: ungranted.origin, outcome: 'blocked', reason: expect.stringContaining(`redirect from ${granted.origin}`) },
    ]);
  });

  it('follows a redirect to another granted origin, recording each hop, and says where it landed', async () => {
    const { door, store, ledger } = setup([
      { origin: granted.origin, holder: 'tool:api', privateNetwork: true },
      { origin: other.origin, holder: 'tool:api', privateNetwork: true },
    ]);
    const response = await door.fetch(`${granted.origin}/to-other-302`);
    expect(await response.text()).toBe('other got ');
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${other.origin}/after`);
    await ledger.flush();
    expect(store.records.map((entry) => [entry.origin, entry.outcome, entry.status])).toEqual([
      [granted.origin, 'allowed', 302],
      [other.origin, 'allowed', 200],
    ]);
  });

  it('never re-sends a body to another origin on 307, even a granted one', async () => {
    const { door } = setup([
      { origin: granted.origin, holder: 'tool:api', privateNetwork: true },
      { origin: other.origin, holder: 'tool:api', privateNetwork: true },
    ]);
    other.hits.length = 0;
    await expect(door.fetch(`${granted.origin}/to-other-307`, { method: 'POST', body: 'private payload' })).rejects.toMatchObject({
      code: 'network-blocked',
      message: expect.stringContaining('send the request body again'),
    });
    expect(other.hits).toEqual([]);
  });

  it('turns a POST answered by 303 into a GET without the body', async () => {
    const { door } = setup([
      { origin: granted.origin, holder: 'tool:api', privateNetwork: true },
      { origin: other.origin, holder: 'tool:api', privateNetwork: true },
    ]);
    other.hits.length = 0;
    const response = await door.fetch(`${granted.origin}/to-other-303`, { method: 'POST', body: 'private payload', headers: { authorization: 'Bearer abc' } });
    expect(await response.text()).toBe('other got ');
    expect(other.hits).toEqual([{ method: 'GET', url: '/after', body: '', authorization: undefined }]);
  });

  it('re-sends the body of a same-origin 307 POST (no detached ArrayBuffer)', async () => {
    const { door } = setup([{ origin: granted.origin, holder: 'tool:api', privateNetwork: true }]);
    const response = await door.fetch(`${granted.origin}/same-307`, { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json' } });
    expect(await response.text()).toBe('echo POST {"a":1}');
  });

  it('stops a redirect loop with a typed error', async () => {
    const { door } = setup([{ origin: granted.origin, holder: 'tool:api', privateNetwork: true }]);
    await expect(door.fetch(`${granted.origin}/loop`)).rejects.toMatchObject({ code: 'network-blocked', message: expect.stringContaining('redirects in a row') });
  });

  it('refuses to follow any redirect from a request that carries a secret', async () => {
    const key: SecretValue = { id: 'k', label: 'Key', value: 'canary-secret-value', origins: [granted.origin] };
    const { door } = setup(
      [
        { origin: granted.origin, holder: 'tool:api', privateNetwork: true },
        { origin: other.origin, holder: 'tool:api', privateNetwork: true },
      ],
      [key],
    );
    other.hits.length = 0;
    await expect(door.fetch(`${granted.origin}/to-other-302`, { headers: { authorization: 'Bearer {{secret:k}}' } })).rejects.toThrow();
    expect(other.hits).toEqual([]);
  });
});
