import { createUniqueId, Show } from 'solid-js';
import { formatTimeLeft, type LoadView } from './load-estimate';
import { t } from './messages';

export interface LoadProgressProps {
  label: string;
  view: LoadView;
  onCancel: () => void;
}

/** A model load: a progress bar named after the model, MB done of total, time left, and Cancel. */
export function LoadProgressView(props: LoadProgressProps) {
  const labelId = createUniqueId();
  const detailId = createUniqueId();
  const amount = (): string => {
    const { doneMB, totalMB } = props.view;
    if (doneMB !== undefined && totalMB !== undefined) return t('amount', { done: doneMB, total: totalMB });
    return `${props.view.percent} %`;
  };
  return (
    <div class="load-progress">
      <span id={labelId}>{t('loading', { name: props.label })}</span>
      <progress
        max={100}
        value={props.view.percent}
        aria-labelledby={labelId}
        aria-describedby={detailId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={props.view.percent}
        aria-valuetext={`${props.view.percent} %, ${amount()}`}
      />
      <small id={detailId} class="muted">
        {amount()}
        <Show when={props.view.secondsLeft}>{(seconds) => <>, {formatTimeLeft(seconds())}</>}</Show>. {props.view.text}
      </small>
      <button type="button" onClick={() => props.onCancel()}>
        {t('cancel')}
      </button>
    </div>
  );
}
