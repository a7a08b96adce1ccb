import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message, MessageTable } from '../../../src/ui/i18n';
import { sourceFiles } from '../architecture/import-graph';

/**
 * Every en/zh message table of the app, found rather than listed: each `*messages.ts` module under
 * src is loaded and every export that carries a `table` is checked. A hand-written list skipped
 * five tables; a new table now joins by existing.
 */
const modules = import.meta.glob<Record<string, unknown>>('/src/**/*messages.ts', { eager: true });
const root = resolve(import.meta.dirname, '../../..');

interface FoundTable {
  name: string;
  table: MessageTable<string>;
}

function isTable(value: unknown): value is { table: MessageTable<string> } {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return false;
  const table = (value as { table?: unknown }).table;
  return typeof table === 'object' && table !== null && 'en' in table && 'zh' in table;
}

const tables: FoundTable[] = Object.entries(modules).flatMap(([path, exports]) =>
  Object.entries(exports).flatMap(([exported, value]) => (isTable(value) ? [{ name: `${path.replace(/^\/src\//, '')}#${exported}`, table: value.table }] : [])),
);

/**
 * Messages left untranslated on purpose: names of protocols, languages, file formats, benchmarks and
 * metrics, a dash for "unknown", and a title that is only parameters. Each is listed by hand.
 */
const SAME_IN_BOTH = new Set([
  'ui/settings/messages.ts#t.baseUrl',
  'ui/eval/messages.ts#t.kindTabagent',
  'ui/eval/messages.ts#t.kindMsagent',
  'ui/eval/messages.ts#t.kindBfcl',
  'ui/eval/messages.ts#t.actionEM',
  'ui/eval/messages.ts#t.rougeL',
  'ui/eval/messages.ts#t.formatOpenai',
  'ui/eval/messages.ts#t.formatSharegpt',
  'ui/network/messages.ts#t.unknownRequester',
  'ui/tool-editor/messages.ts#t.kindJavaScript',
  'ui/tools/messages.ts#t.sourceMcp',
  'ui/tools/messages.ts#t.sourceOpenapi',
  'ui/tools/messages.ts#t.previewTitle',
]);
const HAN = /\p{Script=Han}/u;
/** Every parameter a message might read, each with a value that is easy to find in the output. */
const PARAMS = new Proxy({} as Record<string, string>, { get: (_target, key) => `«${String(key)}»` });
const render = (message: Message): string => (typeof message === 'function' ? message(PARAMS) : message);
const used = (text: string): string[] => [...text.matchAll(/«(\w+)»/g)].map((match) => match[1] ?? '').sort();

describe('message tables', () => {
  it('finds every table: each file that defines one is a *messages.ts module exporting it', () => {
    const defining = sourceFiles(join(root, 'src'))
      .filter((file) => /\bdefineMessages\(/.test(readFileSync(file, 'utf8')) && !file.includes('/i18n/'))
      .map((file) => relative(join(root, 'src'), file));
    const found = new Set(tables.map((table) => table.name.split('#')[0]));
    expect(defining.filter((file) => !found.has(file))).toEqual([]);
    expect(tables.length).toBeGreaterThanOrEqual(20);
  });

  it.each(tables.map((table) => [table.name, table.table] as const))('%s: Chinese has exactly the English keys', (_name, table) => {
    expect(Object.keys(table.zh).sort()).toEqual(Object.keys(table.en).sort());
  });

  it.each(tables.map((table) => [table.name, table.table] as const))('%s: every message is really translated, with the same parameters', (name, table) => {
    for (const key of Object.keys(table.en)) {
      const english = render(table.en[key] as Message);
      const chinese = render(table.zh[key] as Message);
      expect(chinese.trim(), `${name}.${key}`).not.toBe('');
      expect(used(chinese), `${name}.${key}`).toEqual(used(english));
      if (SAME_IN_BOTH.has(`${name}.${key}`)) continue;
      expect(chinese, `${name}.${key}`).not.toBe(english);
      expect(HAN.test(chinese), `${name}.${key} has no Chinese: ${chinese}`).toBe(true);
    }
  });
});
