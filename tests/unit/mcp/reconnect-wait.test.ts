import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { McpServerManager } from '../../../src/tools/mcp/mcp-server-manager';
import { waitForReconnect } from '../../../src/tools/mcp/reconnect-wait';

/** A stand-in for the saved servers' reconnect after a reload: settles after `ms`. */
function reconnectAfter(ms: number, fail = false): Promise<void> {
  return new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error('unreachable')) : resolve()), ms));
}

describe('waitForReconnect', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a turn waits for servers that reconnect within the cap, and says it is waiting', async () => {
    const onWaiting = vi.fn();
    let outcome: string | undefined;
    void waitForReconnect(reconnectAfter(1_200), { capMs: 5_000, onWaiting }).then((value) => (outcome = value));
    await vi.advanceTimersByTimeAsync(1_100);
    expect(onWaiting).toHaveBeenCalledTimes(1);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(100);
    expect(outcome).toBe('settled');
  });

  it('never waits longer than the cap', async () => {
    let outcome: string | undefined;
    void waitForReconnect(reconnectAfter(60_000), { capMs: 5_000 }).then((value) => (outcome = value));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe('timed-out');
  });

  it('a failed reconnect ends the wait too', async () => {
    let outcome: string | undefined;
    void waitForReconnect(reconnectAfter(300, true), { capMs: 5_000 }).then((value) => (outcome = value));
    await vi.advanceTimersByTimeAsync(300);
    expect(outcome).toBe('settled');
  });

  it('no wait (and nothing said) when nothing is reconnecting or it is already done', async () => {
    const onWaiting = vi.fn();
    expect(await waitForReconnect(undefined, { onWaiting })).toBe('none');
    expect(await waitForReconnect(Promise.resolve(), { onWaiting })).toBe('none');
    expect(onWaiting).not.toHaveBeenCalled();
  });

  it('Stop ends the wait at once', async () => {
    const controller = new AbortController();
    let outcome: string | undefined;
    void waitForReconnect(reconnectAfter(60_000), { signal: controller.signal }).then((value) => (outcome = value));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome).toBe('aborted');
  });

  it('waits for a real manager whose saved server reconnects after N ms', async () => {
    vi.useRealTimers();
    const { ToolRegistry } = await import('../../../src/tools/registry');
    const { createMemoryServerStore } = await import('../../../src/tools/mcp/server-store');
    const store = createMemoryServerStore([{ id: 's1', url: 'http://127.0.0.1:9/mcp', name: 'slow', enabled: true, headerSecrets: {}, createdAt: 1, updatedAt: 1 }]);
    // The server answers nothing for 300 ms, then refuses: start() settles then, with the server in error.
    const manager = new McpServerManager({
      registry: new ToolRegistry(),
      store,
      fetch: () => new Promise((_resolve, reject) => setTimeout(() => reject(new TypeError('Failed to fetch')), 300)),
    });
    const started = performance.now();
    expect(await waitForReconnect(manager.start(), { capMs: 5_000 })).toBe('settled');
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(manager.statuses()[0]?.state).toBe('error');
  });
});
