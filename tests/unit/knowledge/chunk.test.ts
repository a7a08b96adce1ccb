import { describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS, documentText, textSize } from '../../../src/knowledge/chunk';
import { extractMarkdown, extractPlainText } from '../../../src/knowledge/extract-text';
import type { TextBlock } from '../../../src/knowledge/types';

/** `count` distinct sentences of about 60 characters each. */
function sentences(count: number, tag: string): string {
  return Array.from({ length: count }, (_, index) => `Sentence ${index} of ${tag} says something rather ordinary here.`).join(' ');
}

describe('chunkDocument', () => {
  it('keeps each chunk exactly its slice of the document text', () => {
    const blocks: TextBlock[] = [
      { kind: 'heading', level: 1, text: 'Guide' },
      { kind: 'paragraph', text: sentences(30, 'intro') },
      { kind: 'heading', level: 2, text: 'Setup' },
      { kind: 'paragraph', text: sentences(5, 'setup') },
      { kind: 'paragraph', text: sentences(25, 'more setup') },
    ];
    const text = documentText(blocks);
    const chunks = chunkDocument(blocks);
    expect(chunks.length).toBeGreaterThan(3);
    chunks.forEach((chunk, index) => {
      expect(chunk.ordinal).toBe(index);
      expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
      expect(textSize(chunk.text)).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxSize);
    });
  });

  it('never crosses a heading, and names the heading above each chunk', () => {
    const blocks: TextBlock[] = [
      { kind: 'heading', level: 1, text: 'Alpha' },
      { kind: 'paragraph', text: 'Alpha body one.' },
      { kind: 'heading', level: 1, text: 'Beta' },
      { kind: 'paragraph', text: 'Beta body one.' },
    ];
    const chunks = chunkDocument(blocks);
    expect(chunks.map((chunk) => [chunk.heading, chunk.text])).toEqual([
      ['Alpha', 'Alpha\n\nAlpha body one.'],
      ['Beta', 'Beta\n\nBeta body one.'],
    ]);
  });

  it('a heading straight before a subheading opens the same chunk; the nearest heading names it', () => {
    const chunks = chunkDocument(extractMarkdown('# Book\n\n## Chapter one\n\nIt begins.').blocks);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ heading: 'Chapter one', text: 'Book\n\nChapter one\n\nIt begins.' });
  });

  it('splits a long section into chunks near the target size that overlap by whole sentences', () => {
    const blocks: TextBlock[] = [{ kind: 'paragraph', text: sentences(60, 'long') }];
    const chunks = chunkDocument(blocks);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const chunk of chunks.slice(0, -1)) {
      expect(textSize(chunk.text)).toBeGreaterThan(DEFAULT_CHUNK_OPTIONS.targetSize - 100);
      expect(textSize(chunk.text)).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.targetSize);
    }
    for (let index = 1; index < chunks.length; index += 1) {
      const previous = chunks[index - 1]!;
      const chunk = chunks[index]!;
      // Overlap: the next chunk starts inside the previous one, at a sentence start.
      expect(chunk.start).toBeLessThan(previous.end);
      expect(chunk.start).toBeGreaterThan(previous.start);
      expect(chunk.text).toMatch(/^Sentence \d+ of long/);
      expect(textSize(blocks[0]!.text.slice(chunk.start, previous.end))).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.overlap);
    }
    // Every sentence is in some chunk.
    const covered = chunks.map((chunk) => chunk.text).join(' ');
    for (let index = 0; index < 60; index += 1) expect(covered).toContain(`Sentence ${index} of long`);
  });

  it('never puts two pages in one chunk, and keeps page numbers', () => {
    const blocks: TextBlock[] = [
      { kind: 'paragraph', text: 'First page text.', page: 1 },
      { kind: 'paragraph', text: 'Second page, first paragraph.', page: 2 },
      { kind: 'paragraph', text: 'Second page, second paragraph.', page: 2 },
    ];
    const chunks = chunkDocument(blocks);
    expect(chunks.map((chunk) => [chunk.page, chunk.text])).toEqual([
      [1, 'First page text.'],
      [2, 'Second page, first paragraph.\n\nSecond page, second paragraph.'],
    ]);
  });

  it('carries a heading across a page break for naming, but not its text', () => {
    const blocks: TextBlock[] = [
      { kind: 'heading', level: 2, text: 'Results', page: 1 },
      { kind: 'paragraph', text: 'Results continue on the next page.', page: 2 },
    ];
    expect(chunkDocument(blocks)).toEqual([
      { ordinal: 0, text: 'Results continue on the next page.', start: 9, end: 43, page: 2, heading: 'Results' },
    ]);
  });

  it('cuts a sentence longer than the maximum at whitespace, and CJK text by weight', () => {
    const word = 'lorem ';
    const long = word.repeat(500).trim();
    const chunks = chunkDocument([{ kind: 'paragraph', text: long }]);
    for (const chunk of chunks) {
      expect(textSize(chunk.text)).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxSize);
      expect(chunk.text.startsWith('lorem')).toBe(true);
      expect(chunk.text.endsWith('lorem')).toBe(true);
    }
    const chinese = '知识库把文档切成小段以便检索'.repeat(60);
    const cjk = chunkDocument([{ kind: 'paragraph', text: chinese }]);
    expect(cjk.length).toBeGreaterThan(1);
    for (const chunk of cjk) expect(textSize(chunk.text)).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxSize);
    expect(cjk.map((chunk) => chunk.text).join('')).toBe(chinese);
  });

  it('splits Chinese sentences at full stops', () => {
    const text = Array.from({ length: 80 }, (_, index) => `第${index}句话讲了一件普通的事情。`).join('');
    const chunks = chunkDocument([{ kind: 'paragraph', text }]);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.text.endsWith('。')).toBe(true);
  });

  it('folds a small last chunk into the one before when both fit', () => {
    const text = `${sentences(13, 'body')} Tail.`;
    const chunks = chunkDocument([{ kind: 'paragraph', text }], { targetSize: 800, maxSize: 1200 });
    expect(chunks.at(-1)!.text.endsWith('Tail.')).toBe(true);
    expect(textSize(chunks.at(-1)!.text)).toBeGreaterThan(200);
  });

  it('an empty document has no chunks', () => {
    expect(chunkDocument([])).toEqual([]);
    expect(chunkDocument(extractPlainText('  \n\n \n').blocks)).toEqual([]);
  });
});

describe('extractMarkdown and extractPlainText', () => {
  it('reads ATX and setext headings, keeps fenced code whole, and drops rules', () => {
    const markdown = [
      '# Title #',
      '',
      'Intro line one',
      'line two',
      '',
      'Section',
      '-------',
      '```js',
      '# not a heading',
      '',
      'code()',
      '```',
      '',
      '***',
      '---',
      'After the rule.',
    ].join('\r\n');
    const { title, blocks } = extractMarkdown(markdown);
    expect(title).toBe('Title');
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'paragraph', text: 'Intro line one\nline two' },
      { kind: 'heading', level: 2, text: 'Section' },
      { kind: 'paragraph', text: '```js\n# not a heading\n\ncode()\n```' },
      { kind: 'paragraph', text: 'After the rule.' },
    ]);
  });

  it('plain text: paragraphs at blank lines, no headings', () => {
    expect(extractPlainText('\ufeff# not markdown\nsame paragraph\n\n\nnext').blocks).toEqual([
      { kind: 'paragraph', text: '# not markdown\nsame paragraph' },
      { kind: 'paragraph', text: 'next' },
    ]);
  });
});
