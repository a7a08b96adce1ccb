/**
 * The chat's turns ⇄ stored message records. A turn is stored as its opening user message
 * (carrying the turn's status, error and every item the chat showed, tool-call cards included)
 * followed by one record per message its run added to the model's history. The turn is core's
 * transcript type, the same one the chat holds.
 */
import type { Turn, TurnItem, TurnState } from '../core/transcript';
import type { ChatMessage, ImagePart } from '../core/types';
import type { MessageDraft } from './conversation-store';
import { fromStoredImage, toStoredImage } from './image-blobs';
import type { MessageRecord } from './records';

/** A turn as the chat holds it and the store keeps it (core's `Turn`; the name stays for callers). */
export type StoredTurn = Turn;

/** A structured-clone-safe deep copy of JSON-like data (items hold tool arguments). */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/** The record form of one history message (not a turn opener). */
export function draftFromChatMessage(message: ChatMessage, turnId?: string): MessageDraft {
  const base = turnId === undefined ? {} : { turnId };
  switch (message.role) {
    case 'system':
    case 'user':
      return { ...base, role: message.role, content: message.content };
    case 'assistant':
      return message.toolCalls === undefined
        ? { ...base, role: 'assistant', content: message.content }
        : { ...base, role: 'assistant', content: message.content, toolCalls: copy(message.toolCalls) };
    case 'tool': {
      const draft: MessageDraft = { ...base, role: 'tool', content: message.content, toolCallId: message.toolCallId, name: message.name };
      // A tool's images are stored as Blobs too, so a later turn can pass them on again.
      return message.images && message.images.length > 0 ? { ...draft, images: message.images.map(toStoredImage) } : draft;
    }
  }
}

/** The `ChatMessage` a stored record stands for (the UI metadata dropped). */
export function toChatMessage(record: Pick<MessageRecord, 'role' | 'content' | 'toolCalls' | 'toolCallId' | 'name'>, images?: ImagePart[]): ChatMessage {
  switch (record.role) {
    case 'system':
    case 'user':
      return { role: record.role, content: record.content };
    case 'assistant':
      return record.toolCalls === undefined
        ? { role: 'assistant', content: record.content }
        : { role: 'assistant', content: record.content, toolCalls: record.toolCalls };
    case 'tool': {
      const message: ChatMessage = { role: 'tool', toolCallId: record.toolCallId ?? '', name: record.name ?? '', content: record.content };
      return images && images.length > 0 ? { ...message, images } : message;
    }
  }
}

/**
 * The record that opens a turn: the user's text plus what the chat shows. Write it with
 * `appendMessages` when the turn starts, then keep it current with the streaming writer
 * (`update(turn.id, turnOpenerPatch(turn))`).
 */
export function turnOpenerDraft(turn: Turn): MessageDraft {
  const images = turn.images && turn.images.length > 0 ? { images: turn.images.map(toStoredImage) } : {};
  return { id: turn.id, turnId: turn.id, role: 'user', content: turn.userText, ...images, ...turnOpenerPatch(turn) };
}

/** What changes on a turn's opening record as the run goes on: status, error and items. */
export function turnOpenerPatch(
  turn: Turn,
): Pick<MessageRecord, 'turn' | 'items' | 'incomplete' | 'context' | 'retrievedTools' | 'sources' | 'budget' | 'resources'> {
  const state: TurnState = turn.error === undefined ? { status: turn.status } : { status: turn.status, error: { ...turn.error } };
  return {
    turn: state,
    items: storedItems(turn),
    incomplete: turn.items.some((item) => item.kind === 'assistant' && item.incomplete),
    ...(turn.context === undefined ? {} : { context: turn.context }),
    ...(turn.retrievedTools === undefined ? {} : { retrievedTools: copy(turn.retrievedTools) }),
    ...(turn.sources === undefined ? {} : { sources: copy(turn.sources) }),
    ...(turn.budget === undefined ? {} : { budget: { ...turn.budget } }),
    ...(turn.resources === undefined ? {} : { resources: copy(turn.resources) }),
  };
}

/**
 * A turn's items as its opening record keeps them: a tool card's images are left out where the
 * turn's tool message holds them (as Blobs, `draftFromChatMessage`), and put back on restore
 * (`withCardImages`). Stored once, and not rewritten as base64 with every streaming patch.
 */
function storedItems(turn: Turn): TurnItem[] {
  const held = new Set(turn.messages.flatMap((message) => (message.role === 'tool' && message.images && message.images.length > 0 ? [message.toolCallId] : [])));
  return turn.items.map((item) => {
    if (item.kind !== 'tool-call' || !item.images || !held.has(item.callId)) return copy(item);
    const { images: _images, ...rest } = item;
    return copy(rest);
  });
}

/** Puts back on a restored turn's tool cards the images its tool messages hold (see `storedItems`). */
function withCardImages(turn: Turn): Turn {
  for (const item of turn.items) {
    if (item.kind !== 'tool-call' || item.images) continue;
    const message = turn.messages.find((entry) => entry.role === 'tool' && entry.toolCallId === item.callId);
    if (message?.role === 'tool' && message.images && message.images.length > 0) item.images = message.images.map((image) => ({ ...image }));
  }
  return turn;
}

/** The stable id of the `index`th history message of a turn: re-saving a turn stores nothing twice. */
export function turnMessageId(turnId: string, index: number): string {
  return `${turnId}.m${index}`;
}

/** Every record of some turns, in order, ready for `appendMessages`. */
export function draftsFromTurns(turns: readonly Turn[]): MessageDraft[] {
  return turns.flatMap((turn) => [
    turnOpenerDraft(turn),
    ...turn.messages.map((message, index) => ({ ...draftFromChatMessage(message, turn.id), id: turnMessageId(turn.id, index) })),
  ]);
}

/**
 * Rebuilds the chat's turns from a conversation's records (in `seq` order, as `load` returns
 * them). History messages join the turn named by their `turnId`; a record outside every stored
 * turn (none is written by `draftsFromTurns`) joins the latest turn, or is skipped before the first.
 */
export function restoreTurns(records: readonly MessageRecord[], images: ReadonlyMap<string, ImagePart[]> = new Map()): Turn[] {
  const turns: Turn[] = [];
  const byId = new Map<string, Turn>();
  for (const record of records) {
    if (record.role === 'user' && record.turn !== undefined) {
      const turn: Turn = {
        id: record.turnId ?? record.id,
        userText: record.content,
        ...(images.has(record.id) ? { images: images.get(record.id) } : {}),
        items: copy(record.items ?? []),
        messages: [],
        status: record.turn.status,
        ...(record.turn.error === undefined ? {} : { error: { ...record.turn.error } }),
        ...(record.context === undefined ? {} : { context: record.context }),
        ...(record.retrievedTools === undefined ? {} : { retrievedTools: copy(record.retrievedTools) }),
        ...(record.sources === undefined ? {} : { sources: copy(record.sources) }),
        ...(record.budget === undefined ? {} : { budget: { ...record.budget } }),
        ...(record.resources === undefined ? {} : { resources: copy(record.resources) }),
      };
      turns.push(turn);
      byId.set(turn.id, turn);
      continue;
    }
    const turn = (record.turnId === undefined ? undefined : byId.get(record.turnId)) ?? turns.at(-1);
    turn?.messages.push(toChatMessage(record, images.get(record.id)));
  }
  return turns.map(withCardImages);
}

/**
 * `restoreTurns` with each turn's attached images read back from their Blobs (as data URLs).
 * Blobs can only be read asynchronously, hence this separate step.
 */
export async function restoreTurnsWithImages(records: readonly MessageRecord[]): Promise<Turn[]> {
  const images = new Map<string, ImagePart[]>();
  await Promise.all(
    records.map(async (record) => {
      if (record.images && record.images.length > 0) images.set(record.id, await Promise.all(record.images.map(fromStoredImage)));
    }),
  );
  return restoreTurns(records, images);
}
