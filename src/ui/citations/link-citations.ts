/**
 * Turns the [n] markers of a rendered answer into buttons that open source n. Works on the
 * sanitized HTML: the buttons are built as DOM nodes (their label from `textContent`, never markup),
 * so nothing a model or a document writes can become active content.
 */

/** "[3]" or "[1, 2]": one marker naming one or more sources. */
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/** Text inside these is never linked: code is quoted as written, links are already links. */
const SKIP = new Set(['CODE', 'PRE', 'A', 'BUTTON']);

/**
 * Returns `html` with every marker whose numbers all name a source (1…labels.length) replaced by
 * one button per number (`data-citation="n"`, accessible name `labels[n-1]`). Markers naming a
 * source that does not exist stay plain text.
 */
export function linkCitations(html: string, labels: readonly string[]): string {
  if (labels.length === 0 || !html.includes('[')) return html;
  const template = document.createElement('template');
  template.innerHTML = html;
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let parent = node.parentElement;
    let skipped = false;
    while (parent) {
      if (SKIP.has(parent.tagName)) skipped = true;
      parent = parent.parentElement;
    }
    if (!skipped && MARKER.test(node.textContent ?? '')) texts.push(node as Text);
    MARKER.lastIndex = 0;
  }
  for (const text of texts) {
    const value = text.textContent ?? '';
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of value.matchAll(MARKER)) {
      const numbers = match[1]!.split(',').map((part) => Number(part.trim()));
      if (!numbers.every((n) => n >= 1 && n <= labels.length)) continue;
      fragment.append(value.slice(last, match.index));
      numbers.forEach((n) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'citation';
        button.dataset.citation = String(n);
        button.setAttribute('aria-label', labels[n - 1]!);
        button.textContent = `[${n}]`;
        fragment.append(button);
      });
      last = match.index + match[0].length;
    }
    if (last === 0) continue;
    fragment.append(value.slice(last));
    text.replaceWith(fragment);
  }
  return template.innerHTML;
}
