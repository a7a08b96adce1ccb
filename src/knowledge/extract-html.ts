/**
 * HTML to blocks: the page's main text as Mozilla's Readability finds it (the reader view of
 * Firefox), falling back to the whole body when Readability finds no article. The HTML is parsed
 * with DOMParser, which never runs scripts or loads anything (images, styles, frames): a document
 * is read, never shown.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { ExtractedDocument, TextBlock } from './types';

/** Elements whose content is never text for the reader. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select', 'button', 'head']);

/** Boilerplate left out when falling back to the whole body. */
const BOILERPLATE = 'nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"]';

/** Elements that end a paragraph. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'ul',
]);

const HEADING = /^h([1-6])$/;

/** Readability's answer is used unless it holds less than this share of the body's text (it dropped the content). */
const MIN_ARTICLE_SHARE = 0.2;

/** Collects blocks from a DOM subtree: headings, paragraphs, table rows (cells joined by " | "), preformatted text. */
function blocksOf(root: Node): TextBlock[] {
  const blocks: TextBlock[] = [];
  let inline = '';
  const flush = (): void => {
    // Collapse HTML whitespace; a <br> (kept as U+2028) becomes a line break.
    const text = inline.replace(/[ \t\n\r\f]+/g, ' ').replace(/ ?\u2028 ?/g, '\n').trim();
    if (text !== '') blocks.push({ kind: 'paragraph', text });
    inline = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      inline += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    const tag = element.localName;
    if (SKIPPED.has(tag)) return;
    const heading = HEADING.exec(tag);
    if (heading) {
      flush();
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text !== '') blocks.push({ kind: 'heading', level: Number(heading[1]), text });
      return;
    }
    if (tag === 'br') {
      inline += '\u2028';
      return;
    }
    if (tag === 'pre') {
      flush();
      const text = (element.textContent ?? '').replace(/^\n+|\s+$/g, '');
      if (text.trim() !== '') blocks.push({ kind: 'paragraph', text });
      return;
    }
    if (tag === 'tr') {
      flush();
      const cells = [...element.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()).filter((cell) => cell !== '');
      if (cells.length > 0) blocks.push({ kind: 'paragraph', text: cells.join(' | ') });
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const child of element.childNodes) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

function textLength(blocks: readonly TextBlock[]): number {
  return blocks.reduce((sum, block) => sum + block.text.length, 0);
}

/** The body's blocks without navigation, headers, footers and forms. */
function bodyBlocks(html: string): TextBlock[] {
  const document = new DOMParser().parseFromString(html, 'text/html');
  for (const element of document.querySelectorAll(BOILERPLATE)) element.remove();
  return blocksOf(document.body);
}

/**
 * The main text of an HTML document as blocks, with its title. Readability's article is used when
 * the page reads as an article and the article holds a fair share of the page's text; otherwise (a
 * short page, a list, a table of data) the whole body minus navigation, headers, footers and
 * forms is read.
 */
export function extractHtml(html: string): ExtractedDocument {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const pageTitle = document.title.replace(/\s+/g, ' ').trim();
  const fallback = bodyBlocks(html);
  let article: ReturnType<Readability<Node>['parse']> = null;
  try {
    // Readability's own test first: on a page that is not an article (a short notice, a list)
    // its "article" is the whole page, navigation included, while the body reading drops that.
    if (isProbablyReaderable(document)) article = new Readability<Node>(document, { serializer: (node) => node }).parse();
  } catch {
    // Readability throws on some malformed documents; the body text is still there.
  }
  const articleBlocks = article?.content ? blocksOf(article.content) : [];
  const useArticle = articleBlocks.length > 0 && textLength(articleBlocks) >= MIN_ARTICLE_SHARE * textLength(fallback);
  const title = (article?.title ?? '').replace(/\s+/g, ' ').trim() || pageTitle;
  const blocks = useArticle ? articleBlocks : fallback;
  return title === '' ? { blocks } : { title, blocks };
}
