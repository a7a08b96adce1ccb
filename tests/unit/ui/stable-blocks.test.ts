import { describe, expect, it } from 'vitest';
import { StableBlockSplitter } from '../../../src/ui/markdown/stable-blocks';

/** Streams `text` into a splitter one character at a time; returns every block it emitted. */
function streamed(text: string): { blocks: string[]; tail: string; resets: number } {
  const splitter = new StableBlockSplitter();
  const blocks: string[] = [];
  let tail = '';
  let resets = 0;
  for (let end = 1; end <= text.length; end += 1) {
    const split = splitter.push(text.slice(0, end));
    if (split.reset) {
      resets += 1;
      blocks.length = 0;
    }
    blocks.push(...split.blocks);
    tail = split.tail;
  }
  return { blocks, tail, resets };
}

describe('StableBlockSplitter', () => {
  it('emits each paragraph once, when the next one starts, and the blocks plus the tail are the text', () => {
    const text = 'First paragraph.\n\nSecond one\nstill second.\n\nThird';
    const { blocks, tail, resets } = streamed(text);
    expect(resets).toBe(1);
    expect(blocks).toEqual(['First paragraph.\n\n', 'Second one\nstill second.\n\n']);
    expect(tail).toBe('Third');
    expect(blocks.join('') + tail).toBe(text);
  });

  it('never splits inside a fenced code block, even at blank lines', () => {
    const text = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
    const { blocks, tail } = streamed(text);
    expect(blocks).toEqual(['Intro\n\n', '```js\nconst a = 1;\n\nconst b = 2;\n```\n\n']);
    expect(tail).toBe('After');
  });

  it('keeps an indented line after a blank line with its block (list continuation)', () => {
    const { blocks, tail } = streamed('- item\n\n  more of the item\n\nNext');
    expect(blocks).toEqual(['- item\n\n  more of the item\n\n']);
    expect(tail).toBe('Next');
  });

  it('starts over when the text is replaced rather than extended', () => {
    const splitter = new StableBlockSplitter();
    splitter.push('One.\n\nTwo.\n\nThr');
    const replaced = splitter.push('Other.\n\nText');
    expect(replaced).toEqual({ reset: true, blocks: ['Other.\n\n'], tail: 'Text' });
  });
});
