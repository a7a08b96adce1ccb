import { installedDoor, type InstalledDoor } from './global';
import type { LedgerHandle } from './types';
import { DOOR_MESSAGE_KEY, type DoorLinkMessage, type PageDoorReply, type WorkerDoorRequest } from './worker-protocol';

/**
 * Tells a worker just created how its `fetch` is governed: by this page's door (over a
 * MessagePort) or by none (the page has no door, e.g. in tests). Call it right after
 * `new Worker(...)`, before posting anything else: the worker's door waits for this first message
 * before letting any cross-origin request out. `requester` labels the worker's requests.
 */
export function connectWorkerToDoor(worker: Pick<Worker, 'postMessage'>, requester: string): void {
  const page = installedDoor();
  if (!page) {
    const message: DoorLinkMessage = { [DOOR_MESSAGE_KEY]: 'none' };
    worker.postMessage(message);
    return;
  }
  const channel = new MessageChannel();
  serveWorkerDoor(channel.port1, page, requester);
  const message: DoorLinkMessage = { [DOOR_MESSAGE_KEY]: 'port', port: channel.port2 };
  worker.postMessage(message, [channel.port2]);
}

/** Answers a worker door's policy questions and records its requests in the page's ledger. */
export function serveWorkerDoor(port: MessagePort, page: InstalledDoor, requester: string): void {
  const handles = new Map<number, LedgerHandle>();
  port.onmessage = async (event: MessageEvent<WorkerDoorRequest>) => {
    const message = event.data;
    switch (message.type) {
      case 'decide': {
        const decision = await page.policy.decide({ ...message.request, requester: message.request.requester ?? requester });
        const reply: PageDoorReply = { type: 'decision', id: message.id, decision };
        port.postMessage(reply);
        return;
      }
      case 'begin': {
        // Inside a worker only libraries fetch, so its own requester is at most the grant that
        // let the request out ('model download: …'): shown after the worker's name.
        const inner = message.entry.requester;
        handles.set(message.key, page.ledger.begin({ ...message.entry, requester: inner ? `${requester} (${inner})` : requester }));
        return;
      }
      case 'update':
        handles.get(message.key)?.update(message.patch);
        return;
      case 'finish':
        handles.get(message.key)?.finish(message.patch);
        handles.delete(message.key);
        return;
    }
  };
}
