import { TabagentError } from '../core/errors';
import { routeCacheAddThroughFetch } from './cache-add';
import { createNetworkDoor } from './door';
import type { LedgerEntry, LedgerHandle, LedgerUpdate, NetworkLedger, NetworkPolicy, PolicyDecision } from './types';
import { isDoorLinkMessage, type PageDoorReply, type WorkerDoorRequest } from './worker-protocol';

/** How this worker's requests are governed, once the spawner has said. */
type Link = { kind: 'door'; fetch: typeof fetch } | { kind: 'none' } | { kind: 'unlinked' };

function remotePolicy(port: MessagePort): NetworkPolicy {
  let next = 1;
  const waiting = new Map<number, (decision: PolicyDecision) => void>();
  port.addEventListener('message', (event: MessageEvent<PageDoorReply>) => {
    if (event.data?.type !== 'decision') return;
    waiting.get(event.data.id)?.(event.data.decision);
    waiting.delete(event.data.id);
  });
  port.start();
  return {
    decide(request) {
      const id = next;
      next += 1;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        const message: WorkerDoorRequest = { type: 'decide', id, request };
        port.postMessage(message);
      });
    },
  };
}

function remoteLedger(port: MessagePort): NetworkLedger {
  let next = 1;
  const post = (message: WorkerDoorRequest): void => port.postMessage(message);
  return {
    begin(entry: LedgerEntry): LedgerHandle {
      const key = next;
      next += 1;
      post({ type: 'begin', key, entry });
      return {
        update: (patch: LedgerUpdate) => post({ type: 'update', key, patch }),
        finish: (patch: LedgerUpdate) => post({ type: 'finish', key, patch }),
      };
    },
  };
}

function targetUrl(input: RequestInfo | URL): URL | undefined {
  try {
    if (input instanceof Request) return new URL(input.url);
    return new URL(input instanceof URL ? input.href : input, self.location.href);
  } catch {
    return undefined;
  }
}

/**
 * Puts this worker's `fetch` (and `Cache.add`) behind the page's network door. Call at the very
 * top of a worker, before any library can fetch. The first message the worker receives decides:
 * a port from `connectWorkerToDoor` (requests are policy-checked and recorded by the page), 'none'
 * (the page has no door: requests pass), or anything else (no door is coming: only this app's own
 * origin is reachable). Until then, cross-origin requests wait; same-origin ones (the app's own
 * files) pass at once.
 */
export function installWorkerDoor(): void {
  const original = self.fetch.bind(self);
  let settle: (link: Link) => void = () => undefined;
  const linked = new Promise<Link>((resolve) => {
    settle = resolve;
  });
  let decided = false;
  self.addEventListener('message', (event: MessageEvent) => {
    if (decided) return;
    decided = true;
    if (!isDoorLinkMessage(event.data)) {
      settle({ kind: 'unlinked' });
      return;
    }
    // The link message is ours alone: the worker's own host (comlink, web-llm) never sees it.
    event.stopImmediatePropagation();
    const data = event.data;
    if (data.tabagentNetDoor === 'none') {
      settle({ kind: 'none' });
      return;
    }
    const door = createNetworkDoor({
      policy: remotePolicy(data.port),
      ledger: remoteLedger(data.port),
      fetch: original,
      appOrigin: self.location.origin,
    });
    settle({ kind: 'door', fetch: door.fetch });
  });

  self.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = targetUrl(input);
    if (url && url.origin === self.location.origin) return original(input, init);
    const link = await linked;
    if (link.kind === 'door') return link.fetch(input, init);
    if (link.kind === 'none') return original(input, init);
    throw new TabagentError(
      'network-blocked',
      `Blocked a request to ${url?.origin ?? 'an unknown address'} from a worker that is not connected to the network door.`,
    );
  };
  routeCacheAddThroughFetch();
}
