import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = join(root, 'src/data');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) ? [path] : [];
  });
}

const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
/** src/data may use the pure layers only: never the store, the UI, workers or the network door. */
const FORBIDDEN = ['src/store', 'src/ui', 'src/memory', 'src/net', 'workers'].map((path) => join(root, path));

describe('src/data boundaries', () => {
  const files = sourceFiles(dataDir);

  it.each(files.map((file) => [relative(root, file), file]))('%s imports no storage, UI or DOM module', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (!specifier.startsWith('.')) continue;
      const target = resolve(join(file, '..'), specifier);
      for (const forbidden of FORBIDDEN) expect(target.startsWith(forbidden), `${specifier} reaches ${forbidden}`).toBe(false);
    }
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(document|window|localStorage|sessionStorage|indexedDB|navigator)\b/);
  });
});
