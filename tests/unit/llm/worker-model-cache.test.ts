/** Cache questions answered in a worker: the host's cache routing and the page's on-demand worker. */
import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { ChatEngine } from '../../../src/core/types';
import { createLlmWorkerHost, createWorkerEngine, createWorkerModelCache, registerErrorTransfer, type ModelCacheOps } from '../../../src/llm/worker-protocol';

/** A model cache in memory; deleting an unknown id fails the way web-llm does. */
function memoryCache(held: Set<string>): ModelCacheOps {
  return {
    has: async (modelId) => held.has(modelId),
    delete: async (modelId) => {
      if (modelId === 'unknown') throw new TabagentError('config', 'Unknown model.', { data: { reason: 'unknown-model' } });
      held.delete(modelId);
    },
  };
}

const noEngines = { webllm: (): ChatEngine => ({}) as ChatEngine };

/** A stand-in for `new Worker(...)`: a MessageChannel whose far end serves the host. */
interface FakeWorker {
  worker: Worker;
  terminated: boolean;
}

const opened: MessageChannel[] = [];
afterEach(() => {
  for (const channel of opened.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function fakeWorkers(held: Set<string>): { spawn: () => Worker; spawned: FakeWorker[] } {
  const spawned: FakeWorker[] = [];
  const spawn = (): Worker => {
    registerErrorTransfer();
    const channel = new MessageChannel();
    opened.push(channel);
    expose(createLlmWorkerHost(noEngines, { webllm: memoryCache(held) }), channel.port1 as unknown as Endpoint);
    const fake: FakeWorker = { worker: undefined as unknown as Worker, terminated: false };
    fake.worker = Object.assign(channel.port2, {
      terminate: () => {
        fake.terminated = true;
        channel.port1.close();
        channel.port2.close();
      },
    }) as unknown as Worker;
    spawned.push(fake);
    return fake.worker;
  };
  return { spawn, spawned };
}

describe('model caches in the worker host', () => {
  it('answers for a kind it holds and names the kinds it holds otherwise', async () => {
    const host = createLlmWorkerHost(noEngines, { webllm: memoryCache(new Set(['a'])) });
    expect(await host.isCached('webllm', 'a')).toBe(true);
    expect(await host.isCached('webllm', 'b')).toBe(false);
    await host.deleteCached('webllm', 'a');
    expect(await host.isCached('webllm', 'a')).toBe(false);
    await expect(host.isCached('transformers', 'a')).rejects.toMatchObject({ code: 'config', data: { kind: 'transformers', known: ['webllm'] } });
  });
});

describe('createWorkerModelCache', () => {
  it('starts one worker for a burst of questions and ends it once idle', async () => {
    const held = new Set(['a', 'b']);
    const { spawn, spawned } = fakeWorkers(held);
    const cache = createWorkerModelCache({ spawn, kind: 'webllm', idleMs: 300 });
    expect(spawned).toHaveLength(0);

    expect(await Promise.all(['a', 'b', 'c'].map((id) => cache.has(id)))).toEqual([true, true, false]);
    await cache.delete('a');
    expect(await cache.has('a')).toBe(false);
    expect(spawned).toHaveLength(1);

    await vi.waitFor(() => expect(spawned[0]?.terminated).toBe(true), { timeout: 3000 });
    // A later question starts a fresh worker.
    expect(await cache.has('b')).toBe(true);
    expect(spawned).toHaveLength(2);
  });

  it('keeps the error code and data the worker threw', async () => {
    const { spawn } = fakeWorkers(new Set());
    const cache = createWorkerModelCache({ spawn, kind: 'webllm', idleMs: 0 });
    const error: unknown = await cache.delete('unknown').catch((thrown: unknown) => thrown);
    expect(TabagentError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'config', data: { reason: 'unknown-model' } });
  });
});

describe('createWorkerEngine before load', () => {
  it('reports the capabilities it was given, so the first request can carry a grammar', () => {
    const { spawn } = fakeWorkers(new Set());
    const engine = createWorkerEngine(spawn(), {
      kind: 'webllm',
      engineOptions: { modelId: 'm' },
      capabilities: { nativeToolCalls: false, constrainedOutput: 'grammar', contextWindow: 4096 },
    });
    expect(engine.capabilities).toEqual({ nativeToolCalls: false, constrainedOutput: 'grammar', contextWindow: 4096 });
  });
});
