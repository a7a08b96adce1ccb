import { createRenderEffect } from 'solid-js';
import { linkCitations } from '../citations/link-citations';
import { renderMarkdown } from '../markdown/render-markdown';
import { createStreamingMarkdown, type StreamingMarkdown } from '../markdown/streaming-markdown';

export interface MarkdownViewProps {
  text: string;
  /** Accessible names of the sources [1]…[n] may cite; those markers become buttons (see linkCitations). */
  citations?: readonly string[];
  /** A citation button was pressed. */
  onCite?: (n: number, button: HTMLElement) => void;
  /**
   * The text is still growing: only its unfinished last block is rendered again per change, so a
   * long answer costs the same per token as a short one. Once false, the whole text is rendered.
   */
  streaming?: boolean;
}

/** Untrusted markdown (model output), rendered through the hardened sanitizer. */
export function MarkdownView(props: MarkdownViewProps) {
  const safeHtml = (text: string): string => {
    const rendered = renderMarkdown(text);
    return props.citations && props.citations.length > 0 ? linkCitations(rendered, props.citations) : rendered;
  };
  const element = (
    <div
      class="markdown"
      onClick={(event) => {
        const button = event.target instanceof Element ? event.target.closest('button[data-citation]') : null;
        if (button instanceof HTMLElement) props.onCite?.(Number(button.dataset.citation), button);
      }}
    />
  ) as HTMLDivElement;
  let streaming: StreamingMarkdown | undefined;
  createRenderEffect(() => {
    const text = props.text;
    if (props.streaming === true) {
      streaming ??= createStreamingMarkdown(element, safeHtml);
      streaming.update(text);
    } else {
      streaming = undefined;
      element.innerHTML = safeHtml(text);
    }
  });
  return element;
}
