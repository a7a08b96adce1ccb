import { describe, expect, it } from 'vitest';
import type { ChatEngine } from '../../../src/core/types';
import { LocalEngineHolder, type LocalEngine } from '../../../src/app/models/local-engines';
import type { LocalModelChoice } from '../../../src/app/models/local-choice';

function fakeEngine(choice: LocalModelChoice, log: string[]): LocalEngine {
  const engine: ChatEngine = {
    id: `fake:${choice.modelId}`,
    capabilities: { nativeToolCalls: false, constrainedOutput: 'none', contextWindow: 1 },
    load: async () => undefined,
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
});
