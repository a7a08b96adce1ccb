import { describe, expect, it } from 'vitest';
import { StableBlockSplitter } from '../../src/ui/markdown/stable-blocks';
import { describeGrowth, fill, GROWTH_LIMIT, measureGrowth } from '../support/growth';

describe('StableBlockSplitter', () => {
  it('reads each character a bounded number of times: 4x the streamed text costs at most 6x the time', () => {
    const growth = measureGrowth(
      (size) => fill('word '.repeat(40) + '\n\n', size),
      (full) => {
        // Prefixes of one flat string (V8 makes them views), as a stream grows: this measures the
        // splitter's own reading. A string grown by `+=` is copied whole when first read, a cost outside it.
        const splitter = new StableBlockSplitter();
        for (let end = 5; end <= full.length; end += 5) splitter.push(full.slice(0, end));
      },
      [100_000, 1_000_000],
    );
    expect(growth.ratio, describeGrowth('StableBlockSplitter, streamed paragraphs', growth)).toBeLessThanOrEqual(GROWTH_LIMIT);
  });
});
