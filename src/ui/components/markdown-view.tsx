import { createMemo } from 'solid-js';
import { linkCitations } from '../citations/link-citations';
import { renderMarkdown } from '../markdown/render-markdown';

export interface MarkdownViewProps {
  text: string;
  /** Accessible names of the sources [1]…[n] may cite; those markers become buttons (see linkCitations). */
  citations?: readonly string[];
  /** A citation button was pressed. */
  onCite?: (n: number, button: HTMLElement) => void;
}

/** Untrusted markdown (model output), rendered through the hardened sanitizer. */
export function MarkdownView(props: MarkdownViewProps) {
  const html = createMemo(() => {
    const rendered = renderMarkdown(props.text);
    return props.citations && props.citations.length > 0 ? linkCitations(rendered, props.citations) : rendered;
  });
  return (
    <div
      class="markdown"
      innerHTML={html()}
      onClick={(event) => {
        const button = event.target instanceof Element ? event.target.closest('button[data-citation]') : null;
        if (button instanceof HTMLElement) props.onCite?.(Number(button.dataset.citation), button);
      }}
    />
  );
}
