import { describe, expect, it } from 'vitest';
import { createFirstScreenStore, firstScreenOf } from '../../../src/app/settings/first-screen';
import { defaultSettings, type Settings } from '../../../src/store';

/** A Storage stand-in over a map (Node has no localStorage). */
function memoryStorage() {
  const items = new Map<string, string>();
  return { items, storage: { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) } };
}

const configured: Settings = { ...defaultSettings(), language: 'zh', engine: { ...defaultSettings().engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } };

describe('first-screen copy of the settings', () => {
  it('keeps only the language and whether a model is set up, per database', () => {
    const { items, storage } = memoryStorage();
    const mine = createFirstScreenStore('db-a', () => storage);
    expect(mine.read()).toBeUndefined();
    mine.write(configured);
    expect(mine.read()).toEqual({ language: 'zh', configured: true });
    expect(createFirstScreenStore('db-b', () => storage).read()).toBeUndefined();
    // Nothing else of the settings is copied (no system prompt, no endpoint).
    expect([...items.values()]).toEqual(['{"language":"zh","configured":true}']);
    mine.write(defaultSettings());
    expect(mine.read()).toEqual(firstScreenOf(defaultSettings()));
    expect(mine.read()).toEqual({ language: null, configured: false });
  });

  it('reads a damaged or foreign copy as none', () => {
    const { items, storage } = memoryStorage();
    const store = createFirstScreenStore(undefined, () => storage);
    for (const text of ['{', 'null', '[]', '{"language":"fr","configured":true}', '{"language":"en"}', '{"language":null,"configured":"yes"}']) {
      items.set('tabagent:first-screen:tabagent', text);
      expect(store.read(), text).toBeUndefined();
    }
  });

  it('never throws when storage refuses (private modes, full storage) or is absent', () => {
    const refusing = {
      getItem: (): string | null => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: (): void => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const store = createFirstScreenStore('db', () => refusing);
    expect(store.read()).toBeUndefined();
    expect(() => store.write(configured)).not.toThrow();
    const none = createFirstScreenStore('db', () => undefined);
    expect(none.read()).toBeUndefined();
    expect(() => none.write(configured)).not.toThrow();
  });
});
