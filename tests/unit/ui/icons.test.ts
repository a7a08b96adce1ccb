import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, ICONS } from '../../../scripts/make-icons';
import { encodePng } from '../../../scripts/png-encoder';

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
}

/** Splits a PNG into its chunks (a reader independent of the encoder's own chunk writer). */
function chunks(png: Buffer): Chunk[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const result: Chunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    result.push({ type, data: png.subarray(offset + 8, offset + 8 + length), crc: png.readUInt32BE(offset + 8 + length) });
    offset += 12 + length;
  }
  return result;
}

/** Decodes an 8-bit RGBA, filter-0 PNG back to pixels. */
function pixels(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const parts = chunks(png);
  const header = parts.find((part) => part.type === 'IHDR')?.data;
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([header[8], header[9], header[12]]).toEqual([8, 6, 0]);
  const raw = inflateSync(Buffer.concat(parts.filter((part) => part.type === 'IDAT').map((part) => part.data)));
  const rgba = Buffer.alloc(width * height * 4);
  for (let row = 0; row < height; row += 1) {
    expect(raw[row * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, row * width * 4, row * (width * 4 + 1) + 1, (row + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('PNG encoder', () => {
  it('writes pixels that decode back unchanged, with a valid IEND', () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, index) => (index * 37) % 256);
    const png = encodePng(3, 2, rgba);
    const decoded = pixels(png);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect([...decoded.rgba]).toEqual([...rgba]);
    // IEND's CRC is a fixed, published value.
    expect(chunks(png).at(-1)).toMatchObject({ type: 'IEND', crc: 0xae426082 });
  });

  it('refuses pixel data of the wrong length', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/16 bytes/);
  });
});

describe('app icons', () => {
  const folder = join(import.meta.dirname, '..', '..', '..', 'public', 'icons');
  for (const spec of ICONS) {
    it(`${spec.file} is ${spec.size}×${spec.size} and matches scripts/make-icons.ts`, () => {
      const committed = readFileSync(join(folder, spec.file));
      const decoded = pixels(committed);
      expect([decoded.width, decoded.height]).toEqual([spec.size, spec.size]);
      expect(decoded.rgba.equals(Buffer.from(drawIcon(spec)))).toBe(true);
      const corner = [...decoded.rgba.subarray(0, 4)];
      const centre = (spec.size * (spec.size / 2) + spec.size / 2) * 4;
      // Rounded icons have transparent corners; maskable ones are full bleed (the platform crops them).
      expect(corner[3]).toBe(spec.shape === 'rounded' ? 0 : 255);
      // The T's stem crosses the centre: white there.
      expect([...decoded.rgba.subarray(centre, centre + 4)]).toEqual([255, 255, 255, 255]);
    });
  }
});
