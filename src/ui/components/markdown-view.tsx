import { createMemo, createSignal } from 'solid-js';
import { linkCitations } from '../citations/link-citations';
import { escapeHtml } from '../markdown/escape-html';
import type { renderMarkdown } from '../markdown/render-markdown';

export interface MarkdownViewProps {
  text: string;
  /** Accessible names of the sources [1]…[n] may cite; those markers become buttons (see linkCitations). */
  citations?: readonly string[];
  /** A citation button was pressed. */
  onCite?: (n: number, button: HTMLElement) => void;
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
  const html = createMemo(() => {
    const render = renderer();
    const rendered = render ? render(props.text) : `<p>${escapeHtml(props.text)}</p>`;
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
