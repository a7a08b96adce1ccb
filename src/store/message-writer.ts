import { toTabagentError, type TabagentError } from '../core/errors';
import type { MessagePatch, MessageUpdate } from './conversation-store';

/** What the writer writes to: a `ConversationStore`, or a test double. */
export interface MessageWriterTarget {
  updateMessages(updates: readonly MessageUpdate[]): Promise<unknown>;
}

/** Runs `callback` after `delayMs`; returns the function that cancels it. */
export type Schedule = (callback: () => void, delayMs: number) => () => void;

export interface MessageWriterOptions {
  /** The most often the writer writes while text streams. Default 250 ms. */
  throttleMs?: number;
  /** Clock in milliseconds; tests pass a fake. */
  now?: () => number;
  /** Timer; tests pass a fake. Default `setTimeout`. */
  schedule?: Schedule;
  /** Called when a throttled (background) write fails; `flush` and `complete` reject instead. */
  onError?: (error: TabagentError) => void;
}

/** Persists streaming messages: many updates in, at most one write per `throttleMs` out. */
export interface MessageWriter {
  /** Records the latest state of a message (call on every delta); written within `throttleMs`. */
  update(messageId: string, patch: MessagePatch): void;
  /** Writes everything pending now and resolves once it is committed. */
  flush(): Promise<void>;
  /** Records a message's final state and writes it now (with everything else pending). */
  complete(messageId: string, patch?: MessagePatch): Promise<void>;
  /** Number of messages with changes not yet handed to the store. */
  readonly pendingCount: number;
}

const defaultSchedule: Schedule = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

/**
 * Creates a throttled writer for streaming messages. The first update is written at once, later
 * ones at most every `throttleMs` (patches to one message merge; the latest wins), and the last
 * one is always written (trailing write), so a tab killed mid-stream loses at most `throttleMs`
 * of text plus one write's time. Writes never overlap: each batch is one transaction that
 * starts after the previous one committed, so an older state can never overwrite a newer one.
 * A failed batch is kept and merged under newer changes, to be retried by the next write.
 */
export function createMessageWriter(target: MessageWriterTarget, options: MessageWriterOptions = {}): MessageWriter {
  const throttleMs = options.throttleMs ?? 250;
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? defaultSchedule;
  const pending = new Map<string, MessagePatch>();
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let cancelTimer: (() => void) | undefined;
  let inFlight: Promise<unknown> | undefined;

  function merge(messageId: string, patch: MessagePatch): void {
    pending.set(messageId, { ...pending.get(messageId), ...patch });
  }

  function arm(): void {
    if (cancelTimer !== undefined || pending.size === 0) return;
    const delay = Math.max(0, lastWriteAt + throttleMs - now());
    cancelTimer = schedule(() => {
      cancelTimer = undefined;
      writePending().catch((error: unknown) => options.onError?.(toTabagentError(error, 'storage')));
    }, delay);
  }

  function disarm(): void {
    cancelTimer?.();
    cancelTimer = undefined;
  }

  async function writePending(): Promise<void> {
    // One write at a time: wait for the one in flight (it may have failed: its caller reports that).
    while (inFlight !== undefined) await inFlight.catch(() => undefined);
    if (pending.size === 0) return;
    const batch: MessageUpdate[] = [...pending].map(([id, patch]) => ({ id, patch }));
    pending.clear();
    lastWriteAt = now();
    const write = target.updateMessages(batch);
    inFlight = write;
    try {
      await write;
    } catch (error) {
      // Keep what was not saved, under anything newer that arrived meanwhile.
      for (const { id, patch } of batch) pending.set(id, { ...patch, ...pending.get(id) });
      throw error;
    } finally {
      inFlight = undefined;
    }
    arm();
  }

  async function flush(): Promise<void> {
    disarm();
    await writePending();
  }

  return {
    update(messageId, patch) {
      merge(messageId, patch);
      arm();
    },
    flush,
    async complete(messageId, patch = {}) {
      merge(messageId, patch);
      await flush();
    },
    get pendingCount() {
      return pending.size;
    },
  };
}
