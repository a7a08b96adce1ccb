import { describe, expect, it } from 'vitest';
import { createThinkSplitter } from '../../src/core/think-splitter';
import { describeGrowth, GROWTH_LIMIT, measureGrowth } from '../support/growth';

/** Feeds `deltas` one by one, as an engine streams them; returns how many chunks came out. */
function feed(deltas: readonly string[]): number {
  const splitter = createThinkSplitter();
  let count = 0;
  for (const delta of deltas) count += splitter.push(delta).length;
  return count + splitter.end().length;
}

// Adversarial streams, one small delta at a time: partial closing tags that never complete (each
// held back, then released), and long runs of whitespace before and inside the block.
const cases: Array<[string, (n: number) => string[]]> = [
  ['unclosed block of partial closing tags', (n) => ['<think>', ...Array.from({ length: n }, () => '</thin')]],
  ['whitespace inside the block', (n) => ['<think>', ...Array.from({ length: n }, () => ' \n')]],
  ['whitespace after the block', (n) => ['<think>x</think>', ...Array.from({ length: n }, () => '\n ')]],
  ['leading whitespace without a block', (n) => Array.from({ length: n }, () => ' ')],
];

const SEPARATOR = '\u0000';

describe('think splitter', () => {
  for (const [name, make] of cases) {
    it(`${name}: time at 4n is at most 6× the time at n`, () => {
      // measureGrowth hands strings around: the deltas travel joined by a character none of them holds.
      const growth = measureGrowth(
        (n) => make(n).join(SEPARATOR),
        (joined) => expect(feed(joined.split(SEPARATOR))).toBeGreaterThanOrEqual(0),
        [20_000, 80_000],
      );
      expect(growth.ratio, describeGrowth(`think splitter, ${name}`, growth)).toBeLessThanOrEqual(GROWTH_LIMIT);
    });
  }
});
