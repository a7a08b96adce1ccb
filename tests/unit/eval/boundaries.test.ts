import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './fixtures';

const evalDir = join(root, 'src/eval');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return entry.endsWith('.ts') ? [path] : [];
  });
}

// src/eval also runs in the app's Eval page: no Node built-ins, no DOM, no storage, no UI.
describe('src/eval boundaries', () => {
  const files = sourceFiles(evalDir);

  it.each(files.map((file) => [relative(root, file), file]))('%s imports only core, llm and eval modules', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const specifier = match[1] ?? '';
      expect(specifier.startsWith('.'), `${specifier} is a package import`).toBe(true);
      expect(specifier, `${specifier} leaves core/llm/eval`).not.toMatch(/\/(ui|store|tools|net|memory|cli)\//);
    }
  });

  it.each(files.map((file) => [relative(root, file), file]))('%s touches no DOM or storage global', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(document|window|localStorage|sessionStorage|indexedDB|navigator|process)\b/);
  });
});
