/** The knowledge, citation and embedding message tables: same keys and parameters in both languages, really translated. */
import { describe, expect, it } from 'vitest';
import type { Message, MessageTable } from '../../../src/ui/i18n';
import { t as citations } from '../../../src/ui/citations/messages';
import { t as embedding } from '../../../src/ui/embedding/messages';
import { t as knowledge } from '../../../src/ui/knowledge/messages';

const tables: Record<string, MessageTable<string>> = { knowledge: knowledge.table, citations: citations.table, embedding: embedding.table };
const HAN = /\p{Script=Han}/u;
const PARAMS = new Proxy({} as Record<string, string>, { get: (_target, key) => `«${String(key)}»` });
const render = (message: Message): string => (typeof message === 'function' ? message(PARAMS) : message);
const used = (text: string): string[] => [...text.matchAll(/«(\w+)»/g)].map((match) => match[1] ?? '').sort();

describe('message tables', () => {
  for (const [name, table] of Object.entries(tables)) {
    it(`${name}: Chinese has the English keys and parameters, and is Chinese`, () => {
      expect(Object.keys(table.zh).sort()).toEqual(Object.keys(table.en).sort());
      for (const key of Object.keys(table.en)) {
        const english = render(table.en[key] as Message);
        const chinese = render(table.zh[key] as Message);
        expect(chinese, `${name}.${key}`).not.toBe(english);
        expect(HAN.test(chinese), `${name}.${key}: ${chinese}`).toBe(true);
        expect(used(chinese), `${name}.${key}`).toEqual(used(english));
      }
    });
  }
});
