import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsInText, importsOf, sourceFiles, type SourceImport } from './import-graph';
import { allows, parseLayerRules, ruleFor, violations, type LayerRule } from './layer-rules';

/**
 * Every folder's boundary, read from the "may import" column of docs/architecture.md's Folders
 * table: change the table and the code together. The ui, app and page-entry checks have their own
 * `it`s because `src/app` (the layer `src/ui` must call) is being built in parallel.
 */
const root = resolve(import.meta.dirname, '../../..');
const rules = parseLayerRules(readFileSync(join(root, 'docs/architecture.md'), 'utf8'));
const imports: SourceImport[] = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'workers'))].flatMap((file) =>
  importsOf(root, file),
);
const UI_LAYER = ['src/ui', 'src/app', 'src/main'];

function rule(path: string): LayerRule {
  const found = rules.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`docs/architecture.md has no Folders row for \`${path}\``);
  return found;
}

function violationsOf(path: string): string[] {
  return violations(
    rules,
    imports.filter((found) => ruleFor(rules, found.from)?.path === path),
  );
}

describe('folder boundaries (docs/architecture.md, Folders table)', () => {
  it('has a row for every folder and top-level file of src, and for workers', () => {
    const entries = readdirSync(join(root, 'src')).map((entry) => `src/${entry}`);
    const missing = [...entries, 'workers'].filter((path) => {
      const isFolder = statSync(join(root, path)).isDirectory();
      if (!isFolder && !/\.tsx?$/.test(path)) return false;
      return ruleFor(rules, path)?.path !== path.replace(/\.tsx?$/, '');
    });
    expect(missing, 'add a row to the Folders table of docs/architecture.md').toEqual([]);
  });

  it('reads imports of every folder', () => {
    for (const path of ['src/core', 'src/llm', 'src/store', 'src/tools', 'src/ui', 'workers']) {
      expect(imports.some((found) => found.from.startsWith(`${path}/`)), path).toBe(true);
    }
  });

  const layered = rules.map((candidate) => candidate.path).filter((path) => !UI_LAYER.includes(path));
  it.each(layered)('%s imports only what its row allows', (path) => {
    expect(violationsOf(path)).toEqual([]);
  });

  it('src/ui imports values only from src/app, src/ui and the pure helpers its row names', () => {
    expect(violationsOf('src/ui')).toEqual([]);
  });

  it('src/app imports anything but src/ui', () => {
    expect(violationsOf('src/app')).toEqual([]);
  });

  it('src/main.tsx mounts the app through src/app and src/ui only', () => {
    expect(violationsOf('src/main')).toEqual([]);
  });
});

describe('the boundary checker', () => {
  const at = (file: string, code: string): SourceImport[] => importsInText(root, join(root, file), code);

  it('catches a folder named without a trailing slash (`../store`) and a lookalike prefix', () => {
    const found = at('src/eval/x.ts', "import { a } from '../store';\nimport { b } from '../storefront/y';\n");
    expect(found.map((one) => one.target)).toEqual(['src/store', 'src/storefront/y']);
    expect(violations(rules, found)).toHaveLength(2);
  });

  it('tells type imports from value imports as the compiler emits them', () => {
    const found = at(
      'src/store/x.ts',
      [
        "import type { A } from '../tools/manifest';",
        "import { type B } from '../tools/manifest';",
        "export type { C } from '../tools/registry';",
        "export * from '../tools/registry';",
        "type D = import('../tools/executor').E;",
        "const f = () => import('../tools/executor');",
        "import '../tools/registry';",
      ].join('\n'),
    );
    expect(found.map((one) => one.kind)).toEqual(['type', 'value', 'type', 'value', 'type', 'value', 'value']);
    // store may import types from tools, not values.
    expect(violations(rules, found).map((line) => /:(\d+) /.exec(line)?.[1])).toEqual(['2', '4', '6', '7']);
  });

  it('applies "types from everywhere", "everything except" and a row with nothing', () => {
    expect(allows(rule('src/ui'), 'src/store/schema', 'type')).toBe(true);
    expect(allows(rule('src/ui'), 'src/store/schema', 'value')).toBe(false);
    expect(allows(rule('src/ui'), 'src/core/errors', 'value')).toBe(true);
    expect(allows(rule('src/app'), 'src/store', 'value')).toBe(true);
    expect(allows(rule('src/app'), 'src/ui/app', 'type')).toBe(false);
    expect(allows(rule('src/core'), 'src/core/types', 'value')).toBe(true);
    expect(allows(rule('src/core'), 'src/tools/manifest', 'type')).toBe(false);
    expect(allows(rule('src/retrieval'), 'src/store/schema', 'value')).toBe(false);
  });

  it('refuses a table it cannot read', () => {
    const table = (cell: string): string => `## Folders\n\n| folder | job | may import |\n|---|---|---|\n| \`src/x\` | x | ${cell} |\n`;
    expect(parseLayerRules(table('`src/core`, `src/tools` types'))[0]).toMatchObject({ values: ['src/core'], types: ['src/tools'] });
    expect(() => parseLayerRules(table('src/core'))).toThrow(/cannot read "src\/core"/);
    expect(() => parseLayerRules('# no table')).toThrow(/no such heading/);
  });
});
