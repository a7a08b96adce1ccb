import { Show } from 'solid-js';
import type { ToolProgress as ToolProgressReport } from '../../core/tool-runner';
import { t } from './run-status-messages';

/**
 * A running call's last progress report in its card: a `<progress>` bar ("n of total" when the
 * total is known, indeterminate otherwise) and the server's message.
 */
export function ToolProgress(props: { name: string; progress: ToolProgressReport }) {
  const total = () => props.progress.total;
  const known = () => {
    const value = total();
    return value !== undefined && value > 0 ? value : undefined;
  };
  const text = () => {
    const value = known();
    return value !== undefined ? t('progressOf', { progress: props.progress.progress, total: value }) : t('progressSoFar', { progress: props.progress.progress });
  };
  return (
    <div class="tool-card-progress">
      <Show
        when={known()}
        fallback={<progress aria-label={t('toolProgress', { name: props.name })} aria-valuetext={text()} />}
      >
        {(value) => <progress aria-label={t('toolProgress', { name: props.name })} aria-valuetext={text()} max={value()} value={Math.min(props.progress.progress, value())} />}
      </Show>
      <span class="tool-card-progress-text">{text()}</span>
      <Show when={props.progress.message}>{(message) => <span class="tool-card-progress-message">{message()}</span>}</Show>
    </div>
  );
}
