import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinManifests } from '../../../src/tools/builtins';
import { manifestToJson, validateManifest } from '../../../src/tools/manifest';
import { ArgumentValidator } from '../../../src/tools/validator';

const folder = resolve(__dirname, '../../../public/tool-manifests');

describe('public/tool-manifests', () => {
  it.each(builtinManifests.map((manifest) => [manifest.name, manifest] as const))(
    '%s.json matches its TypeScript manifest (regenerate with `npx tsx scripts/write-manifests.ts`)',
    async (name, manifest) => {
      const text = await readFile(join(folder, `${name}.json`), 'utf8');
      expect(text).toBe(manifestToJson(manifest));
    },
  );

  it('holds only valid manifests, each named after its file', async () => {
    const files = (await readdir(folder)).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(builtinManifests.length);
    for (const file of files) {
      const manifest = validateManifest(JSON.parse(await readFile(join(folder, file), 'utf8')));
      expect(`${manifest.name}.json`).toBe(file);
    }
  });

  it('publishes secret references only, never values', async () => {
    for (const manifest of builtinManifests) {
      for (const secret of manifest.secrets ?? []) expect(Object.keys(secret).sort()).toEqual(['description', 'name']);
    }
  });

  it('gives every built-in a valid manifest with examples that pass its own schema', () => {
    const validator = new ArgumentValidator();
    for (const manifest of builtinManifests) {
      expect(validateManifest(manifest)).toEqual(manifest);
      expect(manifest.examples?.length ?? 0).toBeGreaterThan(0);
      for (const example of manifest.examples ?? []) {
        expect(validator.validate(manifest.name, manifest.parameters, example.arguments)).toEqual({ ok: true });
      }
    }
  });
});
