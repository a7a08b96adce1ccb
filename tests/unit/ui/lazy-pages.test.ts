import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const source = readFileSync(join(import.meta.dirname, '..', '..', '..', 'src', 'ui', 'pages', 'pages.ts'), 'utf8');

describe('pages.ts keeps every page out of the start-up JavaScript', () => {
  it('imports statically only message tables and its own helpers', () => {
    const imports = [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1] ?? '');
    expect(imports.length).toBeGreaterThan(0);
    const eager = imports.filter((path) => !/\/messages$/.test(path) && !/^\.\/(lazy-page|page-context)$/.test(path));
    expect(eager, 'load page components with lazyPage(() => import(...))').toEqual([]);
  });

  it('renders every page through lazyPage', () => {
    const entries = source.match(/\{\s*id:/g) ?? [];
    const lazy = source.match(/render:\s*lazyPage\(\(\)\s*=>\s*import\(/g) ?? [];
    expect(lazy.length).toBe(entries.length);
  });
});
