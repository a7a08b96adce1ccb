/** The Memory page's and the context budget's message tables: same keys, real Chinese, same parameters. */
import { describe, expect, it } from 'vitest';
import type { Message, MessageTable } from '../../../src/ui/i18n';
import { t as budget } from '../../../src/ui/budget/messages';
import { t as memory } from '../../../src/ui/memory/messages';

const tables: Record<string, MessageTable<string>> = { budget: budget.table, memory: memory.table };
const HAN = /\p{Script=Han}/u;
const PARAMS = new Proxy({} as Record<string, string>, { get: (_target, key) => `«${String(key)}»` });
const render = (message: Message): string => (typeof message === 'function' ? message(PARAMS) : message);
const used = (text: string): string[] => [...text.matchAll(/«(\w+)»/g)].map((match) => match[1] ?? '').sort();

describe('memory and budget message tables', () => {
  for (const [name, table] of Object.entries(tables)) {
    it(`${name}: Chinese has the English keys, really translated, with the same parameters`, () => {
      expect(Object.keys(table.zh).sort()).toEqual(Object.keys(table.en).sort());
      for (const key of Object.keys(table.en)) {
        const english = render(table.en[key] as Message);
        const chinese = render(table.zh[key] as Message);
        expect(chinese, `${name}.${key}`).not.toBe(english);
        expect(HAN.test(chinese), `${name}.${key} has no Chinese: ${chinese}`).toBe(true);
        expect(used(chinese), `${name}.${key}`).toEqual(used(english));
      }
    });
  }
});
