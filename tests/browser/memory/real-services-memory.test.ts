/**
 * The app's real services wire memories and token counting into every run: the memory tools and
 * the per-turn memory context use the database the composition root is given, and a local transformers.js model counts
 * tokens with its own tokenizer once that has loaded (the tiny fixture model, served locally).
 */
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryRepository } from '../../../src/memory';
import { defaultSettings, type Settings } from '../../../src/store';
import type { ChatRunSetup } from '../../../src/ui/chat/chat-controller';
import { withLocalChoice } from '../../../src/app/models/local-choice';
import { createRealServices } from '../../../src/app/composition-root';
import type { RunScope } from '../../../src/app/services';
import { StoreScope } from '../store/support';

const scope = new StoreScope();
afterEach(() => scope.cleanup());

function serverSettings(): Settings {
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted' };
  return settings;
}

async function runScope(): Promise<RunScope> {
  const db = await scope.open();
  return { openDatabase: async () => db, conversationId: undefined, knowledgeBaseIds: [] };
}

describe('real services: memories and token counting', () => {
  it('gives each run the memory tools and the memory context over the database it was given', async () => {
    const runScopeValue = await runScope();
    const services = createRealServices({ openDatabase: runScopeValue.openDatabase });
    const setup: ChatRunSetup = await services.prepareRun(serverSettings(), runScopeValue);
    expect(services.tools().map((tool) => tool.name)).toEqual(expect.arrayContaining(['remember', 'recall', 'forget']));
    expect(setup.countTokens).toBeUndefined();

    const signal = new AbortController().signal;
    const saved = await setup.tools.execute({ id: 'c1', name: 'remember', arguments: { text: 'The user plays the cello.', tags: ['music'] } }, { signal });
    expect(saved.isError).toBe(false);
    const stored = await new MemoryRepository(await runScopeValue.openDatabase()).list();
    expect(stored.map((memory) => [memory.text, memory.origin])).toEqual([['The user plays the cello.', 'agent']]);

    // Every provider of the run (knowledge too, when a base is chosen); the memory is among them.
    const memorySections = async (text: string) => {
      const all = await Promise.all((setup.context ?? []).map((provider) => provider({ text, parts: { latest: text }, messages: [], signal })));
      return all.flat().filter((section) => section.kind === 'memory');
    };
    expect(await memorySections('Which instrument do I play, the cello?')).toMatchObject([
      { kind: 'memory', text: 'The user plays the cello.', untrusted: true, ref: stored[0]!.id },
    ]);
    expect(await memorySections('What is the capital of Peru?')).toEqual([]);
  });

  it('counts with the local transformers.js model’s own tokenizer once it has loaded', async () => {
    const services = createRealServices();
    const url = `${location.origin}/tests/fixtures/generated/models/tiny-llm`;
    const settings = withLocalChoice(serverSettings(), { engine: 'transformers', modelId: 'tiny-llm', device: 'wasm', customModelUrl: url });
    const first = await services.prepareRun(settings, await runScope());
    // Not loaded yet: the run uses the estimate rather than wait.
    expect(first.countTokens).toBeUndefined();
    let setup: ChatRunSetup = first;
    await expect
      .poll(
        async () => {
          setup = await services.prepareRun(settings);
          return setup.countTokens !== undefined;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(true);
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = '/tests/fixtures/generated/models/';
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-llm');
    for (const text of ['Hello there', '今天北京的天气怎么样？']) {
      expect(setup.countTokens?.(text)).toBe(tokenizer.encode(text, { add_special_tokens: false }).length);
    }
    await setup.engine.unload();
  });
});
