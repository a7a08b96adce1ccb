/** Errors thrown in the production LLM worker reach the page with their TabagentError code and data. */
import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { collectChat } from '../../../src/llm/collect-chat';
import { createWorkerEngine, spawnLlmWorker } from '../../../src/llm/worker-protocol';
import { chatRequest, tinyModelOptions } from './worker-support';

// Each test starts a worker that imports transformers.js: seconds on a loaded machine.
const workers: Worker[] = [];
afterEach(() => {
  for (const worker of workers.splice(0)) worker.terminate();
});

function productionWorker(): Worker {
  const worker = spawnLlmWorker();
  workers.push(worker);
  return worker;
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('errors across workers/llm.worker.ts', () => {
  it('a missing model arrives as TabagentError not-found with its data', async () => {
    const engine = createWorkerEngine(productionWorker(), {
      kind: 'transformers',
      engineOptions: { ...tinyModelOptions('wasm'), modelId: 'no-such-model' },
    });
    const error = await failure(() => engine.load());
    expect(TabagentError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(TabagentError);
    expect(error).toMatchObject({ code: 'not-found', data: { modelId: 'no-such-model', device: 'wasm' } });
  }, 60_000);

  it('an engine kind the worker does not host arrives as config with the known kinds', async () => {
    const engine = createWorkerEngine(productionWorker(), { kind: 'nope', engineOptions: {} });
    const error = await failure(() => engine.load());
    expect(error).toMatchObject({ code: 'config', data: { kind: 'nope', known: ['transformers'] } });
  }, 60_000);

  it('chatting before load arrives as config', async () => {
    const engine = createWorkerEngine(productionWorker(), { kind: 'transformers', engineOptions: tinyModelOptions('wasm') });
    const error = await failure(() => collectChat(engine.chat(chatRequest)));
    expect(TabagentError.is(error) && error.code).toBe('config');
  }, 60_000);
});
