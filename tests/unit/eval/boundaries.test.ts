import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, specifiersOf } from '../architecture/import-graph';
import { root } from './fixtures';

const evalDir = join(root, 'src/eval');

// src/eval also runs in the app's Eval page: no Node built-ins or packages, no DOM, no storage. Which
// of our folders it may import is the Folders table's rule (tests/unit/architecture/boundaries.test.ts).
describe('src/eval boundaries', () => {
  const files = sourceFiles(evalDir);

  it.each(files.map((file) => [relative(root, file), file]))('%s imports no package or Node built-in', (_name, file) => {
    for (const { specifier, line } of specifiersOf(file)) expect(specifier.startsWith('.'), `line ${line}: ${specifier} is a package import`).toBe(true);
  });

  it.each(files.map((file) => [relative(root, file), file]))('%s touches no DOM or storage global', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(document|window|localStorage|sessionStorage|indexedDB|navigator|process)\b/);
  });
});
