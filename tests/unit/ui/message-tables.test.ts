import { describe, expect, it } from 'vitest';
import type { Message, MessageTable } from '../../../src/ui/i18n';
import { t as components } from '../../../src/ui/components/messages';
import { t as conversations } from '../../../src/ui/conversations/messages';
import { t as errors } from '../../../src/ui/errors/messages';
import { t as firstRun } from '../../../src/ui/first-run/messages';
import { t as shell } from '../../../src/ui/messages';
import { t as models } from '../../../src/ui/models/messages';
import { t as pages } from '../../../src/ui/pages/messages';
import { t as pwa } from '../../../src/ui/pwa/messages';
import { t as settings } from '../../../src/ui/settings/messages';

const tables: Record<string, MessageTable<string>> = {
  shell: shell.table,
  components: components.table,
  conversations: conversations.table,
  errors: errors.table,
  'first-run': firstRun.table,
  models: models.table,
  pages: pages.table,
  pwa: pwa.table,
  settings: settings.table,
};

/** Messages that are the same in both languages on purpose (a field named after the protocol's term). */
const SAME_IN_BOTH = new Set(['settings.baseUrl']);

const HAN = /\p{Script=Han}/u;

/** Every parameter a message might read, each with a value that is easy to find in the output. */
const PARAMS = new Proxy({} as Record<string, string>, { get: (_target, key) => `«${String(key)}»` });

function render(message: Message): string {
  return typeof message === 'function' ? message(PARAMS) : message;
}

describe('message tables', () => {
  for (const [name, table] of Object.entries(tables)) {
    it(`${name}: Chinese has exactly the English keys, and every message is really translated`, () => {
      expect(Object.keys(table.zh).sort()).toEqual(Object.keys(table.en).sort());
      for (const key of Object.keys(table.en)) {
        const english = render(table.en[key] as Message);
        const chinese = render(table.zh[key] as Message);
        expect(chinese.trim(), `${name}.${key}`).not.toBe('');
        if (SAME_IN_BOTH.has(`${name}.${key}`)) continue;
        expect(chinese, `${name}.${key}`).not.toBe(english);
        expect(HAN.test(chinese), `${name}.${key} has no Chinese: ${chinese}`).toBe(true);
      }
    });

    it(`${name}: both languages fill in the same parameters`, () => {
      for (const key of Object.keys(table.en)) {
        const english = render(table.en[key] as Message);
        const chinese = render(table.zh[key] as Message);
        const used = (text: string): string[] => [...text.matchAll(/«(\w+)»/g)].map((match) => match[1] ?? '').sort();
        expect(used(chinese), `${name}.${key}`).toEqual(used(english));
      }
    });
  }
});
