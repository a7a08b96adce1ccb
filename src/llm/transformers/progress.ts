/** Turns transformers.js's per-file progress events into one LoadProgress stream. */
import type { ProgressInfo } from '@huggingface/transformers';
import type { LoadProgress } from '../../core/types';

/** Feeds progress events in, reports aggregate bytes and a fraction that never goes backwards. */
export interface ProgressTracker {
  /** Pass as transformers.js's `progress_callback`. */
  readonly callback: (info: ProgressInfo) => void;
  /** Reports a phase that has no byte count (e.g. compiling the model). */
  phase(text: string, progress?: number): void;
}

/**
 * Creates a tracker. Files are announced one by one, so the byte total grows as loading proceeds;
 * the fraction is held below 1 until the caller reports the end.
 */
export function createProgressTracker(onProgress: ((progress: LoadProgress) => void) | undefined): ProgressTracker {
  const files = new Map<string, { loaded: number; total: number }>();
  let reported = 0;

  function totals(): { loaded: number; total: number } {
    let loaded = 0;
    let total = 0;
    for (const file of files.values()) {
      loaded += file.loaded;
      total += file.total;
    }
    return { loaded, total };
  }

  function report(text: string, progress: number): void {
    reported = Math.max(reported, Math.min(progress, 1));
    const { loaded, total } = totals();
    const event: LoadProgress = { progress: reported, text };
    if (total > 0) {
      event.loadedBytes = loaded;
      event.totalBytes = total;
    }
    onProgress?.(event);
  }

  function fraction(): number {
    const { loaded, total } = totals();
    // Downloads are 90% of the bar; the rest is session creation.
    return total > 0 ? (loaded / total) * 0.9 : 0;
  }

  return {
    callback(info) {
      switch (info.status) {
        case 'initiate':
          if (!files.has(info.file)) files.set(info.file, { loaded: 0, total: 0 });
          report(`Loading ${info.file}`, fraction());
          break;
        case 'progress':
          files.set(info.file, { loaded: info.loaded, total: info.total });
          report(`Loading ${info.file}`, fraction());
          break;
        case 'done': {
          const file = files.get(info.file);
          if (file !== undefined) file.loaded = file.total;
          report(`Loaded ${info.file}`, fraction());
          break;
        }
        default:
          // 'download', 'progress_total' and 'ready' add nothing the per-file events do not say.
          break;
      }
    },
    phase(text, progress) {
      report(text, progress ?? reported);
    },
  };
}
