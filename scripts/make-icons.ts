/**
 * Draws the app icons (the favicon's white T on the accent blue) as PNGs into public/icons, for
 * the web app manifest and iOS. Deterministic: the same code writes the same bytes.
 *
 *   npx tsx scripts/make-icons.ts          write the files
 *   npx tsx scripts/make-icons.ts --check  exit 1 if any file is missing or differs
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png-encoder';

/** One icon: its file, size in pixels, and whether it is maskable (full bleed) or rounded with transparent corners. */
export interface IconSpec {
  file: string;
  size: number;
  shape: 'rounded' | 'full-bleed';
}

export const ICONS: readonly IconSpec[] = [
  { file: 'icon-192.png', size: 192, shape: 'rounded' },
  { file: 'icon-512.png', size: 512, shape: 'rounded' },
  { file: 'maskable-192.png', size: 192, shape: 'full-bleed' },
  { file: 'maskable-512.png', size: 512, shape: 'full-bleed' },
  // iOS rounds the corners itself and shows transparency as black.
  { file: 'apple-touch-icon.png', size: 180, shape: 'full-bleed' },
];

const BACKGROUND = [0x1f, 0x5f, 0xbf] as const; // --accent in styles.css
const FOREGROUND = [0xff, 0xff, 0xff] as const;
/** Samples per pixel side: 4 × 4 gives smooth edges. */
const SUPERSAMPLE = 4;

// The favicon's geometry, in its 32-unit viewBox: a rounded square (radius 6) and a T.
// The T spans 8–24 × 10–24, well inside the maskable safe zone (a circle of radius 0.4 × size).
function insideRoundedSquare(x: number, y: number): boolean {
  const radius = 6;
  const cx = Math.min(Math.max(x, radius), 32 - radius);
  const cy = Math.min(Math.max(y, radius), 32 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function insideT(x: number, y: number): boolean {
  const bar = x >= 8 && x <= 24 && y >= 10 && y <= 13;
  const stem = x >= 14.5 && x <= 17.5 && y >= 13 && y <= 24;
  return bar || stem;
}

/** Renders one icon to RGBA (straight alpha). */
export function drawIcon(spec: IconSpec): Uint8Array {
  const { size } = spec;
  const pixels = new Uint8Array(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let covered = 0;
      let letter = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
          const x = ((px + (sx + 0.5) / SUPERSAMPLE) / size) * 32;
          const y = ((py + (sy + 0.5) / SUPERSAMPLE) / size) * 32;
          if (spec.shape === 'full-bleed' || insideRoundedSquare(x, y)) {
            covered += 1;
            if (insideT(x, y)) letter += 1;
          }
        }
      }
      const offset = (py * size + px) * 4;
      const mix = covered === 0 ? 0 : letter / covered;
      for (let channel = 0; channel < 3; channel += 1) {
        pixels[offset + channel] = Math.round((BACKGROUND[channel] ?? 0) * (1 - mix) + (FOREGROUND[channel] ?? 0) * mix);
      }
      pixels[offset + 3] = Math.round((covered / samples) * 255);
    }
  }
  return pixels;
}

const folder = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

function main(): void {
  const check = process.argv.includes('--check');
  mkdirSync(folder, { recursive: true });
  const stale: string[] = [];
  for (const spec of ICONS) {
    const png = encodePng(spec.size, spec.size, drawIcon(spec));
    const path = join(folder, spec.file);
    if (check) {
      if (!existsSync(path) || !readFileSync(path).equals(png)) stale.push(spec.file);
    } else {
      writeFileSync(path, png);
      console.log(`wrote ${path} (${png.length} bytes)`);
    }
  }
  if (stale.length > 0) {
    console.error(`Stale icons: ${stale.join(', ')}. Run: npx tsx scripts/make-icons.ts`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
