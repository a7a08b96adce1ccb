import { describe, expect, it } from 'vitest';
import { databaseExists, openTabagentDb, saveSettings, type TabagentDb } from '../../src/store';
import { settingsRules } from '../../src/app/settings/settings-service';
import { createSettingsState } from '../../src/ui/settings/settings-state';

describe('a first visit does not wait for the database', () => {
  it('databaseExists says false before the database is opened and true after', async () => {
    const name = `presence-${crypto.randomUUID()}`;
    expect(await databaseExists(name)).toBe(false);
    const db = await openTabagentDb({ name });
    expect(await databaseExists(name)).toBe(true);
    db.close();
    indexedDB.deleteDatabase(name);
  });

  it('shows the default settings without waiting for the database when none existed', async () => {
    const never = (): Promise<TabagentDb> => new Promise<TabagentDb>(() => undefined);
    const state = createSettingsState(never, { databaseExisted: Promise.resolve(false) });
    await state.load();
    expect(state.loaded()).toBe(true);
    expect(state.settings()).toEqual(settingsRules.defaults());
  });

  it('does not wait for the question either: a read that answers first gives the saved settings', async () => {
    const name = `early-${crypto.randomUUID()}`;
    const db = await openTabagentDb({ name });
    await saveSettings(db, { ...settingsRules.defaults(), language: 'zh' as const });
    const state = createSettingsState(async () => db, { databaseExisted: new Promise<boolean | undefined>(() => undefined) });
    await state.load();
    expect(state.settings().language).toBe('zh');
    db.close();
    indexedDB.deleteDatabase(name);
  });

  it('a read that fails on a first visit is no error: the defaults', async () => {
    const failing = (): Promise<TabagentDb> => Promise.reject(new Error('quota'));
    const state = createSettingsState(failing, { databaseExisted: Promise.resolve(false) });
    await state.load();
    expect(state.error()).toBeUndefined();
    expect(state.settings()).toEqual(settingsRules.defaults());
  });

  it('reads the saved settings when the database existed (or the browser cannot say)', async () => {
    const name = `saved-${crypto.randomUUID()}`;
    const db = await openTabagentDb({ name });
    const saved = { ...settingsRules.defaults(), language: 'zh' as const };
    await saveSettings(db, saved);
    for (const existed of [true, undefined]) {
      const state = createSettingsState(async () => db, { databaseExisted: Promise.resolve(existed) });
      await state.load();
      expect(state.settings().language).toBe('zh');
    }
    db.close();
    indexedDB.deleteDatabase(name);
  });
});
