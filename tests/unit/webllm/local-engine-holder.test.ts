import { describe, expect, it } from 'vitest';
import type { ChatEngine } from '../../../src/core/types';
import { LocalEngineHolder, type LocalEngine } from '../../../src/app/models/local-engines';
import type { LocalModelChoice } from '../../../src/app/models/local-choice';

function fakeEngine(choice: LocalModelChoice, log: string[], load: () => Promise<void> = async () => undefined): LocalEngine {
  const engine: ChatEngine = {
    id: `fake:${choice.modelId}`,
    capabilities: { nativeToolCalls: false, constrainedOutput: 'none', contextWindow: 1 },
    load,
    unload: async () => {
      log.push(`unload ${choice.modelId}`);
    },
    chat: async function* () {},
  };
  return { ...engine, choice };
}

describe('LocalEngineHolder', () => {
  it('reuses the engine for the same model and unloads the old one when the model changes', async () => {
    const log: string[] = [];
    const holder = new LocalEngineHolder((choice) => {
      log.push(`create ${choice.modelId}`);
      return fakeEngine(choice, log);
    });
    const a = holder.engineFor({ engine: 'webllm', modelId: 'a' });
    expect(holder.engineFor({ engine: 'webllm', modelId: 'a' })).toBe(a);
    holder.engineFor({ engine: 'transformers', modelId: 'a', device: 'wasm' });
    await holder.release({ engine: 'webllm', modelId: 'other' });
    await holder.release({ engine: 'transformers', modelId: 'a', device: 'wasm' });
    expect(log).toEqual(['create a', 'unload a', 'create a', 'unload a']);
  });

  it('a load that fails is dropped: it never becomes the engine chat gets', async () => {
    const log: string[] = [];
    const holder = new LocalEngineHolder((choice) => {
      log.push(`create ${choice.modelId}`);
      return fakeEngine(choice, log, choice.modelId === 'new' ? () => Promise.reject(new TypeError('Failed to fetch')) : undefined);
    });
    const old = holder.engineFor({ engine: 'webllm', modelId: 'old' });
    await expect(holder.load({ engine: 'webllm', modelId: 'new' })).rejects.toThrow('Failed to fetch');
    // The failed engine is unloaded; chat (whose settings still name 'old') gets an engine for 'old'.
    const again = holder.engineFor({ engine: 'webllm', modelId: 'old' });
    expect(again.choice.modelId).toBe('old');
    expect(again).not.toBe(old);
    expect(log).toEqual(['create old', 'create new', 'unload old', 'unload new', 'create old']);
  });

  it('a chat run during a download neither stops it nor gets it; the loaded model replaces the old one', async () => {
    const log: string[] = [];
    let finish: () => void = () => undefined;
    const holder = new LocalEngineHolder((choice) => {
      log.push(`create ${choice.modelId}`);
      return fakeEngine(choice, log, choice.modelId === 'new' ? () => new Promise<void>((resolve) => (finish = resolve)) : undefined);
    });
    const loading = holder.load({ engine: 'webllm', modelId: 'new' });
    const duringDownload = holder.engineFor({ engine: 'webllm', modelId: 'old' });
    expect(duringDownload.choice.modelId).toBe('old');
    expect(log).not.toContain('unload new');
    finish();
    await loading;
    const after = holder.engineFor({ engine: 'webllm', modelId: 'new' });
    expect(after.id).toBe('fake:new');
    expect(log).toEqual(['create new', 'create old', 'unload old']);
  });

  it('resetContext reaches the current engine, and a failing one is shrugged off', async () => {
    const log: string[] = [];
    const holder = new LocalEngineHolder((choice) => ({
      ...fakeEngine(choice, log),
      resetContext: async () => {
        log.push(`reset ${choice.modelId}`);
        if (choice.modelId === 'broken') throw new Error('gone');
      },
    }));
    await holder.resetContext();
    holder.engineFor({ engine: 'transformers', modelId: 'a', device: 'wasm' });
    await holder.resetContext();
    holder.engineFor({ engine: 'transformers', modelId: 'broken', device: 'wasm' });
    await expect(holder.resetContext()).resolves.toBeUndefined();
    expect(log).toEqual(['reset a', 'unload a', 'reset broken']);
  });
});
