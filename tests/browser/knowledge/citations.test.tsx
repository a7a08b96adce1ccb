/** [n] markers in rendered answers: which become buttons, what they open, and what stays text. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { TurnSource } from '../../../src/ui/chat/transcript';
import { CitedMarkdown } from '../../../src/ui/citations/cited-markdown';
import { loadMarkdownRenderer } from '../../../src/ui/components/markdown-view';
import { linkCitations } from '../../../src/ui/citations/link-citations';
import { renderMarkdown } from '../../../src/ui/markdown/render-markdown';
import { mount, unmountAll } from '../support/mount';

afterEach(unmountAll);

function buttonsOf(html: string): string[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  return [...template.content.querySelectorAll('button.citation')].map((button) => `${button.textContent}=${button.getAttribute('aria-label')}`);
}

describe('linkCitations', () => {
  const labels = ['Source 1: A', 'Source 2: B'];

  it('links markers that name a source, one button per number, and leaves the rest as text', () => {
    const html = linkCitations(renderMarkdown('Both agree [1][2], see [1, 2]; not [3] nor [0] nor [a].'), labels);
    expect(buttonsOf(html)).toEqual(['[1]=Source 1: A', '[2]=Source 2: B', '[1]=Source 1: A', '[2]=Source 2: B']);
    const text = document.createElement('div');
    text.innerHTML = html;
    expect(text.textContent?.trim()).toBe('Both agree [1][2], see [1][2]; not [3] nor [0] nor [a].');
  });

  it('never links inside code, preformatted text or links', () => {
    const html = linkCitations(renderMarkdown('Inline `arr[1]`, a [link [1]](https://example.com) and\n\n```\nx = y[2]\n```'), labels);
    expect(buttonsOf(html)).toEqual([]);
  });

  it('a hostile source title is only ever an attribute value', () => {
    const html = linkCitations('<p>See [1].</p>', ['"><img src=x onerror="window.__citeRan=1">']);
    const template = document.createElement('template');
    template.innerHTML = html;
    expect(template.content.querySelector('img')).toBeNull();
    expect(template.content.querySelector('button')?.getAttribute('aria-label')).toBe('"><img src=x onerror="window.__citeRan=1">');
  });

  it('without sources the HTML is unchanged', () => {
    expect(linkCitations('<p>[1]</p>', [])).toBe('<p>[1]</p>');
  });
});

// The app loads the renderer on the first message; these tests check the rendered HTML, so load it first.
beforeAll(() => loadMarkdownRenderer());

describe('CitedMarkdown', () => {
  const sources: TurnSource[] = [
    { kind: 'knowledge', title: 'report.pdf — p. 2', text: 'Revenue grew 12 % in 2025.', ref: 'doc:3' },
    { kind: 'knowledge', title: 'notes.md — Risks', text: 'Currency <b>risk</b> remains.\nSecond line.', ref: 'doc2:0' },
  ];

  it('opens the cited passage in a dialog, keyboard included, and returns focus', async () => {
    mount(() => <CitedMarkdown text="Revenue grew [1] despite risks [2]." sources={sources} />);
    const second = page.getByRole('button', { name: 'Source 2: notes.md — Risks', exact: true });
    (second.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const dialog = page.getByRole('dialog', { name: 'Source [2]' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByText('notes.md — Risks', { exact: true })).toBeVisible();
    // The passage is text: its markup is shown, not applied.
    await expect.element(dialog.getByRole('blockquote')).toHaveTextContent('Currency <b>risk</b> remains. Second line.', { normalizeWhitespace: true });
    expect(dialog.element().querySelector('b')).toBeNull();
    await expect.element(dialog.getByRole('button', { name: 'Close' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(second).toHaveFocus();

    await userEvent.click(page.getByRole('button', { name: 'Source 1: report.pdf — p. 2', exact: true }));
    await expect.element(page.getByRole('dialog', { name: 'Source [1]' }).getByRole('blockquote')).toHaveTextContent('Revenue grew 12 % in 2025.');
  });
});
