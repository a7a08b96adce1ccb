import { createRenderEffect, createSignal } from 'solid-js';
import { linkCitations } from '../citations/link-citations';
import { escapeHtml } from '../markdown/escape-html';
import type { renderMarkdown } from '../markdown/render-markdown';
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

const [renderer, setRenderer] = createSignal<typeof renderMarkdown | undefined>();
let loading: Promise<void> | undefined;

/**
 * Loads the markdown renderer (marked and DOMPurify) once, on the first message shown, so the
 * first screen does not wait for it; until then views show the text escaped. A failed load is
 * tried again by the next view.
 */
export function loadMarkdownRenderer(): Promise<void> {
  loading ??= import('../markdown/render-markdown').then(
    (module) => {
      setRenderer(() => module.renderMarkdown);
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Untrusted markdown (model output), rendered through the hardened sanitizer. */
export function MarkdownView(props: MarkdownViewProps) {
  if (!renderer()) loadMarkdownRenderer().catch(() => undefined);
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
  let streamingWith: typeof renderMarkdown | undefined;
  createRenderEffect(() => {
    const text = props.text;
    const render = renderer();
    if (!render) {
      streaming = undefined;
      element.innerHTML = `<p>${escapeHtml(text)}</p>`;
      return;
    }
    const safeHtml = (markdown: string): string => {
      const rendered = render(markdown);
      return props.citations && props.citations.length > 0 ? linkCitations(rendered, props.citations) : rendered;
    };
    if (props.streaming === true) {
      if (!streaming || streamingWith !== render) {
        // Starting over (or the renderer just arrived): the container is rebuilt from the whole text once.
        element.replaceChildren();
        streaming = createStreamingMarkdown(element, safeHtml);
        streamingWith = render;
      }
      streaming.update(text);
    } else {
      streaming = undefined;
      element.innerHTML = safeHtml(text);
    }
  });
  return element;
}
