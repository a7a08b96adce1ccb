import { createSignal, Show } from 'solid-js';
import type { TurnSource } from '../chat/transcript';
import { MarkdownView } from '../components/markdown-view';
import { CitationDialog } from './citation-dialog';
import { t } from './messages';

export interface CitedMarkdownProps {
  text: string;
  /** The turn's quoted material: [n] in the text refers to `sources[n - 1]`. */
  sources?: readonly TurnSource[] | undefined;
  /** The text is still streaming (see MarkdownView). */
  streaming?: boolean;
}

/**
 * An answer rendered as sanitized markdown whose [n] markers open the passage they cite (document,
 * page or heading, text). Markers without a source stay plain text.
 */
export function CitedMarkdown(props: CitedMarkdownProps) {
  const [cited, setCited] = createSignal<number>();
  let opener: HTMLElement | undefined;
  const labels = (): string[] => (props.sources ?? []).map((source, index) => t('citeLabel', { n: index + 1, title: source.title }));
  const source = (): TurnSource | undefined => {
    const n = cited();
    return n === undefined ? undefined : props.sources?.[n - 1];
  };
  return (
    <>
      <MarkdownView
        text={props.text}
        streaming={props.streaming === true}
        citations={labels()}
        onCite={(n, button) => {
          opener = button;
          setCited(n);
        }}
      />
      <Show when={source()}>
        {(current) => (
          <CitationDialog
            number={cited() ?? 0}
            source={current()}
            onClose={() => {
              setCited(undefined);
              // Back to the marker that opened it (when the answer was not re-rendered meanwhile).
              if (opener?.isConnected) opener.focus();
            }}
          />
        )}
      </Show>
    </>
  );
}
