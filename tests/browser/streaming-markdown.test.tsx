import { createSignal } from 'solid-js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadMarkdownRenderer, MarkdownView } from '../../src/ui/components/markdown-view';
import { renderMarkdown } from '../../src/ui/markdown/render-markdown';
import { mount, unmountAll } from './support/mount';

// The renderer loads on first use in the app; these tests start with it loaded.
beforeAll(() => loadMarkdownRenderer());
afterEach(unmountAll);

/** A MarkdownView over signals, as the transcript drives it while an answer streams. */
function streamingView() {
  const [text, setText] = createSignal('');
  const [streaming, setStreaming] = createSignal(true);
  const container = mount(() => <MarkdownView text={text()} streaming={streaming()} />);
  const view = (): HTMLElement => container.querySelector('.markdown') as HTMLElement;
  return { text, setText, setStreaming, view };
}

describe('MarkdownView while streaming', () => {
  it('renders a finished paragraph once: later tokens leave its nodes in place', async () => {
    const { text, setText, view } = streamingView();
    for (const token of ['First ', 'paragraph.', '\n\n', 'Second ', 'one']) setText(text() + token);
    const first = view().firstElementChild;
    expect(first?.textContent).toBe('First paragraph.');
    for (let index = 0; index < 50; index += 1) setText(`${text()} more`);
    // The same node, not a re-rendered copy: per-token work does not include the finished text.
    expect(view().firstElementChild).toBe(first);
    expect(view().lastElementChild?.textContent).toContain('Second one more more');
    expect(view().children).toHaveLength(2);
  });

  it('shows exactly the whole-text rendering once the answer ends', () => {
    const { text, setText, setStreaming, view } = streamingView();
    const answer = '1. one\n\n2. two\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nEnd [link](https://example.com).';
    for (const character of answer) setText(text() + character);
    expect(view().querySelectorAll('pre')).toHaveLength(1);
    setStreaming(false);
    expect(view().innerHTML).toBe(renderMarkdown(answer));
  });

  it('keeps sanitising every block: markup in a streamed answer stays inert', () => {
    const { text, setText, view } = streamingView();
    for (const token of ['Hi.\n\n', '<img src=x onerror="window.__streamPwned=1">', '\n\n', 'after']) setText(text() + token);
    expect(view().querySelector('img')).toBeNull();
    expect((window as { __streamPwned?: number }).__streamPwned).toBeUndefined();
  });
});
