import { describe, expect, it } from 'vitest';
import { acceptImageFiles, MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE } from '../../../src/app/chat/image-attachments';

const file = (name: string, type = 'image/png', size = 1000) => ({ name, type, size });

describe('which images may be attached', () => {
  it('accepts PNG, JPEG, WebP and GIF up to the size limit', () => {
    const files = [file('a.png'), file('b.jpg', 'image/jpeg'), file('c.webp', 'image/webp'), file('d.gif', 'image/gif', MAX_IMAGE_BYTES)];
    expect(acceptImageFiles(files, 0)).toEqual({ accepted: files, refused: [] });
  });

  it('refuses other types, files over the limit and images past the count, saying which and why', () => {
    const { accepted, refused } = acceptImageFiles(
      [file('notes.pdf', 'application/pdf'), file('big.png', 'image/png', MAX_IMAGE_BYTES + 1), file('vector.svg', 'image/svg+xml'), file('ok.png'), file('fifth.png')],
      MAX_IMAGES_PER_MESSAGE - 1,
    );
    expect(accepted.map((accepted) => accepted.name)).toEqual(['ok.png']);
    expect(refused).toEqual([
      { reason: 'type', name: 'notes.pdf', type: 'application/pdf' },
      { reason: 'size', name: 'big.png', bytes: MAX_IMAGE_BYTES + 1 },
      { reason: 'type', name: 'vector.svg', type: 'image/svg+xml' },
      { reason: 'count', name: 'fifth.png' },
    ]);
  });
});
