import { afterEach, describe, expect, it } from 'vitest';
import { createNetworkDoor } from '../../../src/net/door';
import { installNetworkDoor } from '../../../src/net/global';
import { createMemoryLedgerStore, createNetworkLedger } from '../../../src/net/ledger';
import { createNetworkPolicy } from '../../../src/net/policy';
import { connectWorkerToDoor } from '../../../src/net/worker-link';

interface ProbeResult {
  id: number;
  ok: boolean;
  status?: number;
  length?: number;
  code?: string | null;
  message?: string;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A worker that has our door, connected the way the app connects its workers. */
function spawn(): (kind: 'fetch' | 'cache-add', url: string) => Promise<ProbeResult> {
  const worker = new Worker(new URL('./door-test.worker.ts', import.meta.url), { type: 'module' });
  connectWorkerToDoor(worker, 'test worker');
  cleanups.push(() => worker.terminate());
  let next = 0;
  return (kind, url) =>
    new Promise((resolve) => {
      const id = (next += 1);
      const listen = (event: MessageEvent<ProbeResult>) => {
        if (event.data.id !== id) return;
        worker.removeEventListener('message', listen);
        resolve(event.data);
      };
      worker.addEventListener('message', listen);
      worker.postMessage({ id, kind, url });
    });
}

/** Installs a page door (strict, granting `granted`) with an in-memory ledger. */
function pageDoor(granted: string[]) {
  const store = createMemoryLedgerStore();
  const ledger = createNetworkLedger(store);
  const policy = createNetworkPolicy({ strict: () => true, sources: [() => granted.map((origin) => ({ origin, holder: 'test grant', privateNetwork: true }))] });
  const door = createNetworkDoor({ policy, ledger });
  cleanups.push(installNetworkDoor({ door, policy, ledger }));
  return { store, ledger };
}

// Another origin for this same test server: the page is on localhost, this is 127.0.0.1.
const otherOrigin = `http://127.0.0.1:${location.port}`;

describe('worker door', () => {
  it('asks the page\'s policy and records the worker\'s requests in the page\'s ledger', async () => {
    const { store, ledger } = pageDoor([otherOrigin]);
    const probe = spawn();
    const blocked = await probe('fetch', 'https://blocked.example/model.onnx');
    expect(blocked).toMatchObject({ ok: false, code: 'network-blocked' });
    expect(blocked.message).toContain('https://blocked.example');
    // Granted: it leaves (whether the server answers it or CORS refuses it, it was let through).
    await probe('fetch', `${otherOrigin}/granted-probe`);
    await expect.poll(async () => {
      await ledger.flush();
      return store.records.map((entry) => [entry.origin, entry.outcome, entry.requester]);
    }).toEqual([
      ['https://blocked.example', 'blocked', 'test worker'],
      [otherOrigin, 'allowed', 'test worker (test grant)'],
    ]);
  });

  it('routes Cache.add (how web-llm downloads) through the door', async () => {
    const { store, ledger } = pageDoor([]);
    const probe = spawn();
    expect(await probe('cache-add', 'https://blocked.example/weights.bin')).toMatchObject({ ok: false, code: 'network-blocked' });
    // The record travels on the door's own port, so it may land after the worker's answer.
    await expect.poll(async () => {
      await ledger.flush();
      return store.records.map((entry) => entry.outcome);
    }).toEqual(['blocked']);
  });

  it('lets the app\'s own files through without asking, and unrecorded', async () => {
    const { store, ledger } = pageDoor([]);
    const probe = spawn();
    const own = await probe('fetch', new URL('./door-test.worker.ts', import.meta.url).href);
    expect(own).toMatchObject({ ok: true, status: 200 });
    // Records arrive on their own port: a blocked request after it shows when they have landed.
    await probe('fetch', 'https://blocked.example/after');
    await expect.poll(async () => {
      await ledger.flush();
      return store.records.map((entry) => entry.origin);
    }).toEqual(['https://blocked.example']);
  });

  it('in a page without a door (tests, tools), the worker\'s requests are not governed', async () => {
    const probe = spawn();
    const result = await probe('fetch', 'https://blocked.example/x');
    expect(result.ok).toBe(false);
    // A plain network failure, not the door's refusal.
    expect(result.code).not.toBe('network-blocked');
  });
});
