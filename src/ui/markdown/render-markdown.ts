import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escape-html';
import { safeLinkUrl } from './safe-url';

/** Tags model output may produce; everything else (img, iframe, form, svg, style, script, media…) is dropped. */
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 's', 'code', 'pre',
  'blockquote', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

/** Attributes kept; no `style` (CSS `url()` beacons), no `on*`, no `src`, no `ping`, no `class`. */
const ALLOWED_ATTR = ['href', 'title', 'start', 'align', 'target', 'rel'];

/**
 * Markdown to HTML without raw HTML: an HTML block or tag in the model's text is shown as text,
 * an image becomes a link labelled with its alt text (nothing is fetched until the person clicks),
 * a task-list checkbox becomes a character.
 */
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    image({ href, text }: Tokens.Image): string {
      const label = `Image: ${text.trim() === '' ? href : text}`;
      return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

/**
 * A DOMPurify instance of our own, so these hooks never touch other users of DOMPurify.
 * Every link is checked (absolute http/https/mailto only) and opens in a new tab with
 * `rel="noopener noreferrer nofollow"`, so it can neither reach back into this page nor leak
 * the page's address.
 */
const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const href = safeLinkUrl(node.getAttribute('href'));
  if (href === undefined) {
    node.removeAttribute('href');
    node.removeAttribute('target');
    node.removeAttribute('rel');
    return;
  }
  node.setAttribute('href', href);
  if (!node.hasAttribute('title')) node.setAttribute('title', href);
  node.setAttribute('target', '_blank');
  node.setAttribute('rel', 'noopener noreferrer nofollow');
});

/**
 * Renders untrusted markdown (model output, tool results) to HTML that is safe to assign to
 * `innerHTML`. Stops script injection (script tags, `on*` handlers, `javascript:` URLs) and
 * zero-click exfiltration (image beacons, iframes, forms, CSS `url()`, media, meta refresh):
 * the output contains only text-formatting tags and links that do nothing until clicked.
 */
export function renderMarkdown(source: string): string {
  const html = markdown.parse(source, { async: false });
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    RETURN_TRUSTED_TYPE: false,
  });
}
