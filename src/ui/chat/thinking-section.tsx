import { t } from './thinking-messages';
import './thinking.css';

/**
 * The model's thinking before a step's answer or calls, collapsed by default (a `<details>` named
 * "Thinking"). It grows while it streams. Shown as plain text, never as markdown: it is the model's
 * scratch work, and rendering it could fetch images or show links the answer never offered.
 */
export function ThinkingSection(props: { text: string; streaming: boolean }) {
  return (
    <details class="thinking" aria-label={t('thinking')} aria-busy={props.streaming}>
      <summary>{props.streaming ? t('thinkingNow') : t('thinking')}</summary>
      <p class="thinking-text">{props.text}</p>
    </details>
  );
}
