import type { LoadProgress } from '../../core/types';
import { t } from './messages';

/** What the progress bar shows: a percentage, MB done of total, and the time left where it can be told. */
export interface LoadView {
  percent: number;
  text: string;
  doneMB?: number;
  totalMB?: number;
  /** Seconds left, from the average rate so far; absent until there is a rate to go by. */
  secondsLeft?: number;
}

const MIB = 1024 * 1024;

/** Turns a progress report and the seconds since the load started into what the page shows. */
export function loadView(progress: LoadProgress, elapsedSeconds: number): LoadView {
  const percent = Math.round(Math.min(1, Math.max(0, progress.progress)) * 100);
  const view: LoadView = { percent, text: progress.text };
  if (progress.loadedBytes !== undefined) view.doneMB = Math.round(progress.loadedBytes / MIB);
  if (progress.totalBytes !== undefined) view.totalMB = Math.round(progress.totalBytes / MIB);
  const fraction = progress.totalBytes && progress.loadedBytes !== undefined ? progress.loadedBytes / progress.totalBytes : progress.progress;
  // Below 1 % or in the first second the rate is noise; say nothing rather than something wrong.
  if (fraction >= 0.01 && fraction < 1 && elapsedSeconds >= 1) {
    view.secondsLeft = Math.round((elapsedSeconds * (1 - fraction)) / fraction);
  }
  return view;
}

/** "about 3 min left", "about 40 s left". */
export function formatTimeLeft(seconds: number): string {
  if (seconds >= 90) return t('minutesLeft', { minutes: Math.round(seconds / 60) });
  return t('secondsLeft', { seconds: Math.max(1, seconds) });
}
