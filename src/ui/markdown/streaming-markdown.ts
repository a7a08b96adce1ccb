import { StableBlockSplitter } from './stable-blocks';

/** Updates a container as its markdown grows; see `createStreamingMarkdown`. */
export interface StreamingMarkdown {
  /** Shows `text` (the whole text so far): new stable blocks are appended, the tail re-rendered. */
  update(text: string): void;
}

/**
 * Renders growing markdown into `container` with work proportional to what changed: each stable
 * block is rendered and inserted once, and only the tail (the block being written) is rendered
 * again per update. `render` turns markdown into safe HTML (the sanitizer runs per block). The
 * rendered nodes are the container's direct children, as a whole-text render would make them.
 */
export function createStreamingMarkdown(container: HTMLElement, render: (markdown: string) => string): StreamingMarkdown {
  const splitter = new StableBlockSplitter();
  let tailNodes: ChildNode[] = [];
  const nodesOf = (html: string): DocumentFragment => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  };
  return {
    update(text) {
      const { reset, blocks, tail } = splitter.push(text);
      if (reset) container.replaceChildren();
      else for (const node of tailNodes) node.remove();
      for (const block of blocks) container.append(nodesOf(render(block)));
      const fragment = nodesOf(render(tail));
      tailNodes = [...fragment.childNodes];
      container.append(fragment);
    },
  };
}
