import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../architecture/import-graph';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = join(root, 'src/data');

// Which of our folders src/data may import is the Folders table's rule in docs/architecture.md,
// checked by tests/unit/architecture/boundaries.test.ts; here: it stays free of DOM and storage.
describe('src/data boundaries', () => {
  const files = sourceFiles(dataDir);

  it.each(files.map((file) => [relative(root, file), file]))('%s touches no DOM or storage global', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(document|window|localStorage|sessionStorage|indexedDB|navigator)\b/);
  });
});
