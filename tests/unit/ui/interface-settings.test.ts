import { describe, expect, it } from 'vitest';
import { defaultSettings, normalizeSettings } from '../../../src/store';

describe('interface settings (language, welcome)', () => {
  it('a fresh install follows the browser and has not dismissed the welcome', () => {
    const settings = defaultSettings();
    expect(settings.language).toBeUndefined();
    expect(settings.welcomeDismissed).toBeUndefined();
  });

  it('keeps a pinned language and a dismissed welcome', () => {
    const settings = normalizeSettings({ ...defaultSettings(), language: 'zh', welcomeDismissed: true });
    expect(settings.language).toBe('zh');
    expect(settings.welcomeDismissed).toBe(true);
    expect(normalizeSettings({ language: 'en' }).language).toBe('en');
  });

  it('reads an unknown or damaged language as "follow the browser" and drops the key', () => {
    for (const language of ['fr', 'ZH', 42, null, { zh: true }]) {
      const settings = normalizeSettings({ ...defaultSettings(), language, welcomeDismissed: 'yes' });
      expect(settings).not.toHaveProperty('language');
      expect(settings).not.toHaveProperty('welcomeDismissed');
    }
  });

  it('settings saved before these fields existed read back unchanged', () => {
    const older = { ...defaultSettings(), systemPrompt: 'Be brief.' };
    expect(normalizeSettings(JSON.parse(JSON.stringify(older)))).toStrictEqual(older);
  });
});
