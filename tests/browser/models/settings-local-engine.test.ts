import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, isEngineConfigured, loadSettings, normalizeSettings, openTabagentDb, saveSettings, TABAGENT_DB_VERSION } from '../../../src/store';
import { engineKindOf } from '../../../src/store/settings';
import { localChoiceOf, withLocalChoice } from '../../../src/app/models/local-choice';
import { createRealServices } from '../../../src/app/composition-root';

const DB_NAME = 'tabagent-settings-local-engine-test';

afterEach(async () => {
  await deleteDB(DB_NAME);
});

/** Writes a version-1 database by hand, as the previous release left it. */
async function writeVersionOne(settings: unknown): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('settings');
    request.onsuccess = () => {
      const db = request.result;
      const transaction = db.transaction('settings', 'readwrite');
      transaction.objectStore('settings').put({ schema: 1, settings }, 'app');
      transaction.oncomplete = () => {
        db.close();
        resolve();
      };
      transaction.onerror = () => reject(transaction.error);
    };
    request.onerror = () => reject(request.error);
  });
}

async function rawRecord(): Promise<unknown> {
  const db = await openTabagentDb({ name: DB_NAME });
  const record = await db.get('settings', 'app');
  db.close();
  return record;
}

describe('settings with local engines', () => {
  it('migration 2 keeps a version-1 record and marks it openai-compatible', async () => {
    const old = {
      engine: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen', apiKey: 'sk-old', toolMode: 'hermes', preset: 'vllm' },
      enabledTools: { calculator: false },
      modelApi: { baseUrl: '', model: '', imageModel: '', apiKey: '' },
      systemPrompt: 'Old prompt.',
    };
    await writeVersionOne(old);
    expect(TABAGENT_DB_VERSION).toBeGreaterThanOrEqual(2);
    expect(await rawRecord()).toEqual({ schema: 1, settings: { ...old, engine: { ...old.engine, kind: 'openai-compatible' } } });
    const db = await openTabagentDb({ name: DB_NAME });
    const settings = await loadSettings(db);
    db.close();
    expect(settings.engine).toEqual({ ...old.engine, kind: 'openai-compatible' });
    expect(settings.systemPrompt).toBe('Old prompt.');
    expect(settings.enabledTools).toEqual({ calculator: false });
  });

  it('the migration leaves a fresh database alone', async () => {
    expect(await rawRecord()).toBeUndefined();
  });

  it('saves and loads a local engine choice; damaged local fields are dropped', async () => {
    const chosen = withLocalChoice(defaultSettings(), { engine: 'transformers', modelId: 'onnx-community/Qwen3-0.6B-ONNX', device: 'wasm' });
    const db = await openTabagentDb({ name: DB_NAME });
    await saveSettings(db, chosen);
    expect(await loadSettings(db)).toEqual(chosen);
    db.close();
    expect(localChoiceOf(chosen)).toEqual({ engine: 'transformers', modelId: 'onnx-community/Qwen3-0.6B-ONNX', device: 'wasm' });
    const damaged = normalizeSettings({ engine: { kind: 'telepathy', localModelId: 3, localDevice: 'npu', baseUrl: 'x' } });
    expect(engineKindOf(damaged)).toBe('openai-compatible');
    expect(damaged.engine).toEqual({ ...defaultSettings().engine, baseUrl: 'x' });
  });

  it('a local engine is configured by its model id alone', () => {
    const settings = defaultSettings();
    expect(isEngineConfigured(withLocalChoice(settings, { engine: 'webllm', modelId: 'Qwen3-0.6B-q4f32_1-MLC' }))).toBe(true);
    expect(isEngineConfigured(withLocalChoice(settings, { engine: 'webllm', modelId: '' }))).toBe(false);
    expect(isEngineConfigured(withLocalChoice(settings, { engine: 'transformers', modelId: '', customModelUrl: 'https://host/m/' }))).toBe(true);
  });
});

describe('real services with a local engine', () => {
  it('creates the web-llm engine with the catalog tool mode, and reuses it across runs', async () => {
    const services = createRealServices();
    const settings = withLocalChoice(defaultSettings(), { engine: 'webllm', modelId: 'Hermes-3-Llama-3.2-3B-q4f32_1-MLC' });
    const first = await services.prepareRun(settings);
    const second = await services.prepareRun(settings);
    expect(first.engine.id).toBe('webllm:Hermes-3-Llama-3.2-3B-q4f32_1-MLC');
    expect(first.engine.capabilities).toEqual({ nativeToolCalls: false, constrainedOutput: 'grammar', contextWindow: 4096, vision: false });
    expect(first.toolMode).toBe('hermes');
    expect(first.preferNativeTools).toBeUndefined();
    expect(second.engine).toBe(first.engine);
    const llama = await services.prepareRun(withLocalChoice(settings, { engine: 'webllm', modelId: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' }));
    expect(llama.engine).not.toBe(first.engine);
    expect(llama.toolMode).toBe('llama3-json');
  });

  it('creates the transformers.js engine in the LLM worker', async () => {
    const services = createRealServices();
    const run = await services.prepareRun(
      withLocalChoice(defaultSettings(), { engine: 'transformers', modelId: 'onnx-community/Qwen2.5-0.5B-Instruct', device: 'wasm' }),
    );
    expect(run.engine.id).toBe('transformers:onnx-community/Qwen2.5-0.5B-Instruct');
    expect(run.toolMode).toBe('hermes');
    // Where the loaded model's template takes tools it gets them natively; 'hermes' is the fallback.
    expect(run.preferNativeTools).toBe(true);
    expect(run.engine.capabilities.contextWindow).toBe(32768);
  });

  it('says to open Models when a local engine has no model', async () => {
    const services = createRealServices();
    const settings = withLocalChoice(defaultSettings(), { engine: 'webllm', modelId: '' });
    await expect(Promise.resolve().then(() => services.prepareRun(settings))).rejects.toThrow(/Open Models/);
  });
});
