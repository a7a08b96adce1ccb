import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One chunk as Vite's build manifest (`.vite/manifest.json`) describes it. */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export type BuildManifest = Record<string, ManifestChunk>;

/** What the browser must download before the app can start: the entry and everything it imports statically. */
export interface InitialFiles {
  js: string[];
  css: string[];
}

/**
 * The initial files of a build: each entry chunk, then its static `imports`, transitively.
 * Dynamic imports (engines, pdf.js, the sandbox, mathjs…) are left out: they load on first use.
 */
export function initialFiles(manifest: BuildManifest): InitialFiles {
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return { js: [...js], css: [...css] };
}

/** Raw and gzipped bytes (zlib's default level, as most servers compress) of files in a build folder. */
export function measureFiles(outDir: string, files: readonly string[]): { bytes: number; gzipBytes: number } {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(outDir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { bytes, gzipBytes };
}
