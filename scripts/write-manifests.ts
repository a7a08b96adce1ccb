/**
 * Regenerates public/tool-manifests/<name>.json from the built-in tools' TypeScript manifests
 * (the TS is the source; the JSON files are the public format for people and other tools).
 *
 *   npx tsx scripts/write-manifests.ts          write the files
 *   npx tsx scripts/write-manifests.ts --check  exit 1 if any file is missing or stale
 *
 * Other JSON files in that folder (imported OpenAPI or MCP tools) are left alone.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinManifests } from '../src/tools/builtins';
import { manifestToJson, validateManifest } from '../src/tools/manifest';

const folder = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'tool-manifests');
const check = process.argv.includes('--check');

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  await mkdir(folder, { recursive: true });
  const stale: string[] = [];
  for (const manifest of builtinManifests) {
    // A manifest that would not load must not be published.
    const json = manifestToJson(validateManifest(manifest));
    const path = join(folder, `${manifest.name}.json`);
    if ((await readIfPresent(path)) === json) continue;
    stale.push(path);
    if (!check) await writeFile(path, json, 'utf8');
  }
  if (check && stale.length > 0) {
    console.error(`Out of date (run npx tsx scripts/write-manifests.ts):\n${stale.join('\n')}`);
    process.exitCode = 1;
    return;
  }
  console.log(stale.length === 0 ? 'Tool manifests are up to date.' : `Wrote ${stale.length} manifest(s):\n${stale.join('\n')}`);
}

await main();
