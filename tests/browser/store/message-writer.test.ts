import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { createMessageWriter, type MessagePatch, type MessageUpdate, type Schedule } from '../../../src/store';
import { settle, StoreScope } from './support';

/** A clock and timer the test moves by hand. */
class FakeTime {
  time = 0;
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  readonly now = (): number => this.time;
  readonly schedule: Schedule = (callback, delayMs) => {
    const timer = { at: this.time + delayMs, callback, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  /** Moves time forward, firing due timers in order and letting their writes settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      due.cancelled = true;
      due.callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

/** A store double that applies each batch at once and records when it was written. */
class RecordingTarget {
  readonly writes: { at: number; batch: MessageUpdate[] }[] = [];
  readonly state = new Map<string, MessagePatch>();
  failNext: Error | undefined;
  constructor(private readonly time: FakeTime) {}
  updateMessages(batch: readonly MessageUpdate[]): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      return Promise.reject(error);
    }
    this.writes.push({ at: this.time.time, batch: [...batch] });
    for (const { id, patch } of batch) this.state.set(id, { ...this.state.get(id), ...patch });
    return Promise.resolve();
  }
}

function setup(throttleMs = 250) {
  const time = new FakeTime();
  const target = new RecordingTarget(time);
  const errors: TabagentError[] = [];
  const writer = createMessageWriter(target, { throttleMs, now: time.now, schedule: time.schedule, onError: (e) => errors.push(e) });
  return { time, target, writer, errors };
}

describe('createMessageWriter', () => {
  it('writes the first delta at once, then at most every 250 ms, and always the last state', async () => {
    const { time, target, writer } = setup();
    let text = '';
    for (let i = 0; i < 100; i += 1) {
      text += `w${i} `;
      writer.update('m', { content: text });
      await time.advance(10);
    }
    await time.advance(1_000);
    expect(target.writes[0]?.at).toBe(0);
    const gaps = target.writes.slice(1).map((w, i) => w.at - (target.writes[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    expect(target.writes.length).toBeLessThanOrEqual(Math.ceil(1_000 / 250) + 1);
    expect(target.state.get('m')?.content).toBe(text);
    expect(writer.pendingCount).toBe(0);
  });

  it('loses at most 250 ms of streamed text whenever the tab is killed', async () => {
    const { time, target, writer } = setup();
    const arrived: { at: number; text: string }[] = [];
    let text = '';
    for (let i = 0; i < 300; i += 1) {
      text += String.fromCharCode(97 + (i % 26));
      arrived.push({ at: time.time, text });
      writer.update('m', { content: text });
      await time.advance(7 + (i % 5) * 3);
      // "Kill" now: what is stored must include everything that arrived ≥ 250 ms ago.
      const old = arrived.filter((a) => a.at <= time.time - 250).at(-1);
      if (old) expect((target.state.get('m')?.content ?? '').startsWith(old.text)).toBe(true);
    }
  });

  it('merges patches per message and writes several messages in one batch', async () => {
    const { time, target, writer } = setup();
    writer.update('a', { content: 'x' });
    await time.advance(1);
    writer.update('a', { content: 'xy' });
    writer.update('a', { incomplete: true });
    writer.update('b', { content: 'other' });
    await time.advance(300);
    expect(target.writes.at(-1)?.batch).toEqual([{ id: 'a', patch: { content: 'xy', incomplete: true } }, { id: 'b', patch: { content: 'other' } }]);
  });

  it('flush() writes now; complete() writes the finished message and leaves nothing pending', async () => {
    const { time, target, writer } = setup();
    writer.update('m', { content: 'a' });
    await time.advance(1);
    writer.update('m', { content: 'ab' });
    await writer.flush();
    expect(target.state.get('m')?.content).toBe('ab');
    writer.update('m', { content: 'abc' });
    await writer.complete('m', { content: 'abcd', incomplete: false });
    expect(target.state.get('m')).toEqual({ content: 'abcd', incomplete: false });
    expect(writer.pendingCount).toBe(0);
    const count = target.writes.length;
    await time.advance(1_000);
    expect(target.writes.length).toBe(count);
  });

  it('keeps a failed batch and writes it with newer changes next time; reports background failures', async () => {
    const { time, target, writer, errors } = setup();
    target.failNext = new DOMException('full', 'QuotaExceededError');
    writer.update('m', { content: 'one', incomplete: true });
    await time.advance(1);
    expect(errors).toHaveLength(1);
    writer.update('m', { content: 'one two' });
    await writer.flush();
    expect(target.state.get('m')).toEqual({ content: 'one two', incomplete: true });
  });

  it('flush() rejects with the store error when the write fails', async () => {
    const { target, writer } = setup();
    target.failNext = new TabagentError('storage', 'Browser storage is full.', { data: { reason: 'quota' } });
    writer.update('m', { content: 'x' });
    const error = await writer.flush().catch((e: unknown) => e);
    expect(TabagentError.is(error) && error.data.reason).toBe('quota');
    expect(writer.pendingCount).toBe(1);
  });

  it('never overlaps writes, so an older state cannot overwrite a newer one', async () => {
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const writer = createMessageWriter(
      {
        updateMessages: (batch) => {
          order.push(`start ${batch[0]?.patch.content}`);
          return new Promise<void>((resolve) =>
            releases.push(() => {
              order.push(`end ${batch[0]?.patch.content}`);
              resolve();
            }),
          );
        },
      },
      { throttleMs: 0 },
    );
    writer.update('m', { content: '1' });
    await settle();
    writer.update('m', { content: '12' });
    const flushed = writer.flush();
    await settle();
    expect(order).toEqual(['start 1']);
    releases.shift()?.();
    await settle();
    releases.shift()?.();
    await flushed;
    expect(order).toEqual(['start 1', 'end 1', 'start 12', 'end 12']);
  });
});

describe('createMessageWriter over a real ConversationStore', () => {
  let scope = new StoreScope();
  afterEach(async () => {
    await scope.cleanup();
    scope = new StoreScope();
  });

  it('streams into IndexedDB with real timers and a reload sees the finished message', async () => {
    const store = await scope.store();
    const { id } = await store.create();
    await store.appendMessages(id, [{ id: 'a', role: 'assistant', content: '' }]);
    const writer = createMessageWriter(store, { throttleMs: 20 });
    let text = '';
    for (let i = 0; i < 40; i += 1) {
      text += `t${i} `;
      writer.update('a', { content: text, incomplete: true });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const midway = (await store.load(id))[0]?.content ?? '';
    expect(text.startsWith(midway) && midway.length > 0).toBe(true);
    await writer.complete('a', { content: text, incomplete: false });
    const [stored] = await (await scope.store()).load(id);
    expect(stored).toMatchObject({ content: text, incomplete: false, seq: 0 });
  });
});
