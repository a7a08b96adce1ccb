import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../src/core/errors';
import {
  defaultSettings,
  loadSettings,
  normalizeSettings,
  openTabagentDb,
  saveSettings,
  TABAGENT_DB_VERSION,
  toStorageError,
  type Settings,
  type TabagentDb,
} from '../../src/store';

const DB_NAME = 'tabagent-settings-test';
const open: TabagentDb[] = [];

async function openDb(options: Parameters<typeof openTabagentDb>[0] = {}): Promise<TabagentDb> {
  const db = await openTabagentDb({ name: DB_NAME, ...options });
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  await deleteDB(DB_NAME);
});

const configured = (): Settings => ({
  engine: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b', apiKey: 'sk-canary-123', toolMode: 'hermes', preset: 'vllm' },
  enabledTools: { calculator: true, model_api: false },
  modelApi: { baseUrl: 'https://api.example.com/v1', model: 'big-model', imageModel: 'painter', apiKey: 'sk-tool-456' },
  systemPrompt: 'Be brief.',
});

describe('settings store', () => {
  it('gives the defaults when nothing was saved', async () => {
    expect(await loadSettings(await openDb())).toEqual(defaultSettings());
  });

  it('saves and loads back across connections (a reload)', async () => {
    const first = await openDb();
    await saveSettings(first, configured());
    first.close();
    const second = await openDb();
    expect(await loadSettings(second)).toEqual(configured());
  });

  it('creates the settings store through the numbered migrations', async () => {
    const db = await openDb();
    expect(db.version).toBe(TABAGENT_DB_VERSION);
    expect([...db.objectStoreNames]).toContain('settings');
  });

  it('repairs a damaged or older record field by field', () => {
    const repaired = normalizeSettings({
      engine: { baseUrl: 42, model: 'm', toolMode: 'telepathy' },
      enabledTools: { calculator: 'yes', unit_convert: false },
      systemPrompt: null,
      extra: 'dropped',
    });
    expect(repaired.engine).toEqual({ ...defaultSettings().engine, model: 'm' });
    expect(repaired.enabledTools).toEqual({ unit_convert: false });
    expect(repaired.systemPrompt).toBe(defaultSettings().systemPrompt);
    expect(repaired).not.toHaveProperty('extra');
  });

  it('closes itself on versionchange so another tab can upgrade, and says so', async () => {
    let notified = false;
    const db = await openDb({ onVersionChange: () => (notified = true) });
    const started = performance.now();
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, TABAGENT_DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(notified).toBe(true);
    upgraded.close();
    await expect(loadSettings(db)).rejects.toSatisfy(
      (error: unknown) => TabagentError.is(error) && error.code === 'storage',
    );
  });

  it('reports a database newer than this code as a storage error that asks for a reload', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, TABAGENT_DB_VERSION + 5);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const failure = await openTabagentDb({ name: DB_NAME }).catch((error: unknown) => error);
    expect(TabagentError.is(failure) && failure.code).toBe('storage');
    expect(TabagentError.is(failure) && failure.message).toMatch(/Reload/);
  });

  it('turns a full disk into TabagentError("storage") and keeps what was saved', async () => {
    // Chromium's quota override (CDP Storage.overrideQuotaForOrigin) is not enforced in the
    // in-memory profile Playwright gives each test context, so the browser's own
    // QuotaExceededError is raised here at the IndexedDB call itself.
    const db = await openDb();
    await saveSettings(db, configured());
    const realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function put(): IDBRequest<IDBValidKey> {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    let failure: unknown;
    try {
      failure = await saveSettings(db, { ...configured(), systemPrompt: 'a much longer prompt' }).catch((error: unknown) => error);
    } finally {
      IDBObjectStore.prototype.put = realPut;
    }
    expect(TabagentError.is(failure)).toBe(true);
    const error = failure as TabagentError;
    expect(error.code).toBe('storage');
    expect(error.data.reason).toBe('quota');
    expect(error.message).toMatch(/storage is full/i);
    expect(error.message).not.toContain('sk-canary-123');
    expect(await loadSettings(db)).toEqual(configured());
  });

  it('maps QuotaExceededError without leaking stored values', () => {
    const error = toStorageError(new DOMException('quota', 'QuotaExceededError'), 'save your settings');
    expect(error.code).toBe('storage');
    expect(error.data).toEqual({ reason: 'quota' });
  });
});
