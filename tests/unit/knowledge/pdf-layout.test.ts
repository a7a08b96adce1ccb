import { describe, expect, it } from 'vitest';
import { pageBlocks, type PositionedText } from '../../../src/knowledge/pdf-layout';

/** One line of text at height y (11-pt body unless `size` says otherwise), drawn as one or more pieces. */
function line(y: number, pieces: string[], size = 11, endOfLine = true): PositionedText[] {
  let x = 50;
  return pieces.map((text, index) => {
    const width = text.length * size * 0.5;
    const item = { text, x, y, width, height: size, endOfLine: endOfLine && index === pieces.length - 1 };
    x += width;
    return item;
  });
}

describe('pageBlocks', () => {
  it('rebuilds lines into paragraphs at vertical gaps, and big short lines into headings', () => {
    const items = [
      ...line(780, ['Annual report'], 20),
      ...line(744, ['Revenue grew strongly in the first half of the']),
      ...line(730, ['year, led by exports.']),
      ...line(702, ['A second paragraph starts after a blank line.']),
    ];
    expect(pageBlocks(items, 3)).toEqual([
      { kind: 'heading', level: 2, text: 'Annual report', page: 3 },
      { kind: 'paragraph', text: 'Revenue grew strongly in the first half of the year, led by exports.', page: 3 },
      { kind: 'paragraph', text: 'A second paragraph starts after a blank line.', page: 3 },
    ]);
  });

  it('joins pieces of one line, adding a space only where the PDF left a gap', () => {
    const items: PositionedText[] = [
      { text: 'Quo', x: 50, y: 700, width: 16.5, height: 11, endOfLine: false },
      { text: 'rium', x: 66.5, y: 700, width: 22, height: 11, endOfLine: false },
      { text: 'boils', x: 95, y: 700, width: 27.5, height: 11, endOfLine: true },
    ];
    expect(pageBlocks(items, 1)).toEqual([{ kind: 'paragraph', text: 'Quorium boils', page: 1 }]);
  });

  it('rejoins a word hyphenated across lines, and CJK lines without a space', () => {
    const items = [...line(700, ['The experi-']), ...line(686, ['ment worked.']), ...line(658, ['知识库把文档']), ...line(644, ['切成小段。'])];
    expect(pageBlocks(items, 1).map((block) => block.text)).toEqual(['The experiment worked.', '知识库把文档切成小段。']);
  });

  it('a page without text has no blocks', () => {
    expect(pageBlocks([], 1)).toEqual([]);
    expect(pageBlocks(line(700, ['   ']), 1)).toEqual([]);
  });
});
