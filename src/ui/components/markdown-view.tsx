import { createMemo } from 'solid-js';
import { renderMarkdown } from '../markdown/render-markdown';

/** Untrusted markdown (model output), rendered through the hardened sanitizer. */
export function MarkdownView(props: { text: string }) {
  const html = createMemo(() => renderMarkdown(props.text));
  return <div class="markdown" innerHTML={html()} />;
}
