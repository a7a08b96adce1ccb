/** Messages between a worker's door and the page's door (over a MessagePort). */
import type { LedgerEntry, LedgerUpdate, PolicyDecision, PolicyRequest } from './types';

/** The key of the first message a spawner sends a worker: how the worker's fetch is governed. */
export const DOOR_MESSAGE_KEY = 'tabagentNetDoor';

/** The first message a worker receives: the page has a door (`port`), or has none (`none`). */
export type DoorLinkMessage = { [DOOR_MESSAGE_KEY]: 'port'; port: MessagePort } | { [DOOR_MESSAGE_KEY]: 'none' };

/** Worker → page. */
export type WorkerDoorRequest =
  | { type: 'decide'; id: number; request: PolicyRequest }
  | { type: 'begin'; key: number; entry: LedgerEntry }
  | { type: 'update'; key: number; patch: LedgerUpdate }
  | { type: 'finish'; key: number; patch: LedgerUpdate };

/** Page → worker. */
export type PageDoorReply = { type: 'decision'; id: number; decision: PolicyDecision };

/** True for the link message, whatever else a worker's first message might be. */
export function isDoorLinkMessage(data: unknown): data is DoorLinkMessage {
  return typeof data === 'object' && data !== null && DOOR_MESSAGE_KEY in data;
}
