import { afterEach, describe, expect, it } from 'vitest';
import { StoreScope } from './support';

let scope = new StoreScope();
afterEach(async () => {
  document.querySelectorAll('iframe[data-stream-tab]').forEach((frame) => frame.remove());
  await scope.cleanup();
  scope = new StoreScope();
});

/** The streaming tab: the real store and writer, loaded through the test server into an iframe. */
function startStreamingTab(dbName: string, conversationId: string): HTMLIFrameElement {
  const script = `
    const { openTabagentDb, ConversationStore, createMessageWriter } = await import('/src/store/index.ts');
    const db = await openTabagentDb({ name: ${JSON.stringify(dbName)} });
    const store = new ConversationStore(db, { channelName: false });
    const [message] = await store.appendMessages(${JSON.stringify(conversationId)}, [{ role: 'assistant', content: '', incomplete: true }]);
    const writer = createMessageWriter(store);
    let text = '';
    let n = 0;
    const tick = () => {
      text += 'w' + n + ' ';
      n += 1;
      writer.update(message.id, { content: text });
      parent.postMessage({ streamTab: text.length, at: performance.timeOrigin + performance.now() }, '*');
      setTimeout(tick, 5);
    };
    tick();`;
  const frame = document.createElement('iframe');
  frame.dataset.streamTab = '';
  frame.srcdoc = `<script type="module">${script}</script>`;
  document.body.append(frame);
  return frame;
}

/** Streams in a new tab and kills it after `ticks` deltas; returns how many ms of text were lost. */
async function killDuringStream(ticks: number): Promise<{ lostMs: number; storedLength: number }> {
  const store = await scope.store();
  const { id } = await store.create({ title: 'Streaming' });
  const frame = startStreamingTab(scope.dbName, id);
  const arrivals: { length: number; at: number }[] = [];
  const killedAt = await new Promise<number>((resolve) => {
    const onMessage = (event: MessageEvent<{ streamTab?: number; at?: number }>) => {
      if (event.data.streamTab === undefined || event.data.at === undefined) return;
      arrivals.push({ length: event.data.streamTab, at: event.data.at });
      if (arrivals.length < ticks) return;
      frame.remove();
      window.removeEventListener('message', onMessage);
      resolve(performance.timeOrigin + performance.now());
    };
    window.addEventListener('message', onMessage);
  });
  const storedLength = (await store.load(id))[0]?.content.length ?? 0;
  // The first text that is not stored arrived `lostMs` before the kill (0 when all of it is).
  const firstLost = arrivals.find((a) => a.length > storedLength);
  return { lostMs: firstLost ? killedAt - firstLost.at : 0, storedLength };
}

describe('a tab killed while text streams', () => {
  it('loses at most the last 250 ms of text (plus one commit) wherever it is killed', async () => {
    for (const ticks of [40, 97, 150]) {
      const { lostMs, storedLength } = await killDuringStream(ticks);
      expect(storedLength).toBeGreaterThan(0);
      // 250 ms of throttle plus a margin for one write's commit on a loaded machine.
      expect(lostMs).toBeLessThan(250 + 150);
    }
  });
});
