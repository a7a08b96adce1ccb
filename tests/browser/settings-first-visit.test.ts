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

  it('shows the default settings without opening the database when none existed', async () => {
    let opened = 0;
    const never = (): Promise<TabagentDb> => {
      opened += 1;
      return new Promise<TabagentDb>(() => undefined);
    };
    const state = createSettingsState(never, { databaseExisted: Promise.resolve(false) });
    await state.load();
    expect(state.loaded()).toBe(true);
    expect(state.settings()).toEqual(settingsRules.defaults());
    expect(opened).toBe(0);
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
