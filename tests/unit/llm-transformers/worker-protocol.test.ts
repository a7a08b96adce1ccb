/** The worker protocol over a real MessageChannel, with a scripted engine and with the real one. */
import { afterEach, describe, expect, it } from 'vitest';
import { expose, type Endpoint } from 'comlink';
import type { ChatChunk, ChatEngine, LoadProgress } from '../../../src/core/types';
import { TabagentError } from '../../../src/core/errors';
import { collectChat } from '../../../src/llm/collect-chat';
import { createTransformersEngine } from '../../../src/llm/transformers';
import { createLlmWorkerHost, createWorkerEngine, defineEngineKind, registerErrorTransfer } from '../../../src/llm/worker-protocol';
import { MAX_CHUNKS_PER_PULL } from '../../../src/llm/worker-protocol/api';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

interface ScriptOptions {
  failLoadWith?: 'tabagent' | 'type-error' | 'string';
  chunks?: number;
}

/** An engine that streams numbered deltas, one per macrotask, and can fail its load on demand. */
function scriptedEngine(options: ScriptOptions): ChatEngine {
  return {
    id: 'scripted:test',
    capabilities: { nativeToolCalls: false, constrainedOutput: 'none', contextWindow: 99 },
    async load(onProgress?: (progress: LoadProgress) => void) {
      onProgress?.({ progress: 0.5, text: 'half', loadedBytes: 5, totalBytes: 10 });
      if (options.failLoadWith === 'tabagent') throw new TabagentError('not-found', 'No such model.', { data: { modelId: 'x' }, isRetryable: true });
      if (options.failLoadWith === 'type-error') throw new TypeError('bad type');
      // Exercising the non-Error path is the point of this branch.
      if (options.failLoadWith === 'string') throw 'plain string';
      onProgress?.({ progress: 1, text: 'Ready' });
    },
    async unload() {},
    async *chat(_request, signal) {
      for (let index = 0; index < (options.chunks ?? 3); index += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (signal?.aborted) throw new TabagentError('aborted', 'Stopped.');
        yield { type: 'text-delta', text: `t${index} ` } satisfies ChatChunk;
      }
      yield { type: 'finish', reason: 'stop' } satisfies ChatChunk;
    },
  };
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function connect(engine: Record<string, (options: Record<string, unknown>) => ChatEngine>, engineOptions: object = { modelId: 'm' }): ChatEngine {
  registerErrorTransfer();
  const channel = new MessageChannel();
  channels.push(channel);
  expose(createLlmWorkerHost(engine), channel.port1 as unknown as Endpoint);
  return createWorkerEngine(channel.port2 as unknown as Endpoint, { kind: Object.keys(engine)[0] ?? '', engineOptions });
}

describe('worker protocol (scripted engine)', () => {
  it('crosses progress events, identity and capabilities, then streams chunk by chunk', async () => {
    const engine = connect({ scripted: (options) => scriptedEngine(options as ScriptOptions) });
    expect(engine.id).toBe('scripted:m');
    const progress: LoadProgress[] = [];
    await engine.load((event) => progress.push(event));
    expect(progress).toEqual([
      { progress: 0.5, text: 'half', loadedBytes: 5, totalBytes: 10 },
      { progress: 1, text: 'Ready' },
    ]);
    expect(engine.id).toBe('scripted:test');
    expect(engine.capabilities.contextWindow).toBe(99);
    const answer = await collectChat(engine.chat({ messages: [] }));
    expect(answer).toMatchObject({ text: 't0 t1 t2 ', finishReason: 'stop' });
  });

  it.each([
    ['tabagent', (error: unknown) => TabagentError.is(error) && error.code === 'not-found' && error.data.modelId === 'x' && error.isRetryable],
    ['type-error', (error: unknown) => error instanceof TypeError && error.message === 'bad type'],
    ['string', (error: unknown) => error === 'plain string'],
  ] as const)('keeps a %s thrown in the host intact', async (failLoadWith, check) => {
    const engine = connect({ scripted: () => scriptedEngine({ failLoadWith }) });
    const failure = await engine.load().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(check(failure)).toBe(true);
  });

  it('reuses the hosted engine when the same kind and options load again', async () => {
    let created = 0;
    const engine = connect({
      scripted: (options) => {
        created += 1;
        return scriptedEngine(options as ScriptOptions);
      },
    });
    await engine.load();
    await engine.load();
    expect(created).toBe(1);
    await engine.unload();
    await engine.load();
    expect(created).toBe(2);
  });

  it('forwards resetContext to the hosted engine, and needs no worker before a load', async () => {
    let resets = 0;
    const engine = connect({ scripted: () => ({ ...scriptedEngine({}), resetContext: async () => void (resets += 1) }) });
    await engine.resetContext?.();
    expect(resets).toBe(0);
    await engine.load();
    await engine.resetContext?.();
    expect(resets).toBe(1);
  });

  it('rejects an unknown engine kind with a config error naming the known kinds', async () => {
    registerErrorTransfer();
    const channel = new MessageChannel();
    channels.push(channel);
    expose(createLlmWorkerHost({ scripted: () => scriptedEngine({}) }), channel.port1 as unknown as Endpoint);
    const engine = createWorkerEngine(channel.port2 as unknown as Endpoint, { kind: 'webllm', engineOptions: {} });
    await expect(engine.load()).rejects.toMatchObject({ code: 'config', data: { kind: 'webllm', known: ['scripted'] } });
  });

  it('aborts: nothing arrives after the abort and the next request works', async () => {
    const engine = connect({ scripted: () => scriptedEngine({ chunks: 50 }) });
    await engine.load();
    const controller = new AbortController();
    const seen: ChatChunk[] = [];
    await expect(
      (async () => {
        for await (const chunk of engine.chat({ messages: [] }, controller.signal)) {
          seen.push(chunk);
          if (seen.length === 3) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ code: 'aborted' });
    expect(seen).toHaveLength(3);
    expect((await collectChat(engine.chat({ messages: [] }))).finishReason).toBe('stop');
  });
});

describe('worker protocol (transformers engine, onnxruntime-node)', () => {
  it('loads the tiny model through the host and streams the same text as in-process', async () => {
    makeTinyLlm();
    const engineOptions = { modelId: TINY_LLM_ID, device: 'wasm' as const, dtype: 'fp32' as const, localModelPath: GENERATED_MODELS_DIR };
    const local = createTransformersEngine(engineOptions);
    const request = { messages: [{ role: 'user' as const, content: 'Hi' }], temperature: 0, maxTokens: 16 };
    await local.load();
    const expected = await collectChat(local.chat(request));
    await local.unload();

    const proxied = connect({ transformers: defineEngineKind(createTransformersEngine) }, engineOptions);
    expect(proxied.id).toBe('transformers:tiny-llm');
    await proxied.load();
    expect(await collectChat(proxied.chat(request))).toEqual(expected);
    // The hosted engine kept its cache: the same request again reuses it, and a reset forgets it.
    const again = await collectChat(proxied.chat(request));
    expect(again.text).toBe(expected.text);
    expect(again.usage?.cachedPromptTokens).toBe((expected.usage?.promptTokens ?? 0) - 1);
    await proxied.resetContext?.();
    expect((await collectChat(proxied.chat(request))).usage?.cachedPromptTokens).toBeUndefined();
    await proxied.unload();
  });
});

describe('pulls take every chunk written since the last one', () => {
  /** An engine that writes `count` deltas at once, then fails or finishes. */
  function burstEngine(count: number, fail: boolean): ChatEngine {
    return {
      id: 'burst:test',
      capabilities: { nativeToolCalls: false, constrainedOutput: 'none', contextWindow: 99 },
      async load() {},
      async unload() {},
      async *chat() {
        for (let index = 0; index < count; index += 1) yield { type: 'text-delta', text: `b${index}` } satisfies ChatChunk;
        if (fail) throw new TabagentError('server', 'The model stopped.');
        yield { type: 'finish', reason: 'stop' } satisfies ChatChunk;
      },
    };
  }

  it('answers a pull with the chunks ready, in order, then the end', async () => {
    const host = createLlmWorkerHost({ burst: defineEngineKind(() => burstEngine(10, false)) });
    await host.load('burst', {});
    await host.startChat('s1', { messages: [{ role: 'user', content: 'go' }] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const batch = await host.nextChunks('s1');
    expect(batch?.length).toBe(11);
    expect(batch?.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : chunk.type))).toEqual([...Array.from({ length: 10 }, (_, index) => `b${index}`), 'finish']);
    expect(await host.nextChunks('s1')).toBeNull();
  });

  it('answers the first pull at once, then gathers a fast engine’s chunks into few answers', async () => {
    const count = 60;
    const engine: ChatEngine = {
      ...burstEngine(0, false),
      async *chat() {
        // One chunk a millisecond or so, as a tiny model on WASM writes them.
        for (let index = 0; index < count; index += 1) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          yield { type: 'text-delta', text: `t${index}` } satisfies ChatChunk;
        }
        yield { type: 'finish', reason: 'stop' } satisfies ChatChunk;
      },
    };
    const host = createLlmWorkerHost({ paced: defineEngineKind(() => engine) });
    await host.load('paced', {});
    await host.startChat('s3', { messages: [{ role: 'user', content: 'go' }] });
    const first = await host.nextChunks('s3');
    expect(first?.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : chunk.type))).toEqual(['t0']);
    const answers: ChatChunk[][] = [first ?? []];
    for (;;) {
      const batch = await host.nextChunks('s3');
      if (batch === null) break;
      answers.push(batch);
    }
    expect(answers.flat().map((chunk) => (chunk.type === 'text-delta' ? chunk.text : chunk.type))).toEqual([...Array.from({ length: count }, (_, index) => `t${index}`), 'finish']);
    // Pulled as fast as possible, yet answered about once per interval, not once per chunk.
    expect(answers.length).toBeLessThan(count / 2);
  });

  it('delivers what was written before a failure, then the failure; holds at most a pull’s worth ahead', async () => {
    const host = createLlmWorkerHost({ burst: defineEngineKind(() => burstEngine(200, true)) });
    await host.load('burst', {});
    await host.startChat('s2', { messages: [{ role: 'user', content: 'go' }] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seen: ChatChunk[] = [];
    const first = await host.nextChunks('s2');
    // The reader waits while a pull's worth is buffered: the consumer sets the pace.
    expect(first?.length).toBe(MAX_CHUNKS_PER_PULL);
    seen.push(...(first ?? []));
    await expect(
      (async () => {
        for (;;) {
          const batch = await host.nextChunks('s2');
          if (batch === null) return;
          seen.push(...batch);
        }
      })(),
    ).rejects.toThrow('The model stopped.');
    expect(seen).toHaveLength(200);
  });
});
