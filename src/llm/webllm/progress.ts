import type { InitProgressReport } from '@mlc-ai/web-llm';
import type { LoadProgress } from '../../core/types';

const MIB = 1024 * 1024;

/**
 * Maps web-llm's load report to ours. web-llm reports bytes only inside its text
 * ("Fetching param cache[3/20]: 120MB fetched. 30% completed, …"), so the bytes are read from
 * there; the total follows from the fraction done. Other phases (WASM, shaders) carry no bytes.
 */
export function toLoadProgress(report: InitProgressReport): LoadProgress {
  const progress = Number.isFinite(report.progress) ? Math.min(1, Math.max(0, report.progress)) : 0;
  const result: LoadProgress = { progress, text: phaseText(report.text) };
  const bytes = /(\d+)MB (?:fetched|loaded)/.exec(report.text);
  if (bytes?.[1] !== undefined) {
    const loadedBytes = Number(bytes[1]) * MIB;
    result.loadedBytes = loadedBytes;
    if (progress > 0) result.totalBytes = Math.max(loadedBytes, Math.round(loadedBytes / progress));
  }
  return result;
}

/** web-llm's text, shortened to the phase a person cares about. */
function phaseText(text: string): string {
  if (text.startsWith('Fetching param cache')) return `Downloading weights: ${text.replace(/^[^:]*:\s*/, '')}`;
  if (text.startsWith('Loading model from cache')) return `Loading weights from cache: ${text.replace(/^[^:]*:\s*/, '')}`;
  if (/shader|pipeline/i.test(text)) return `Compiling GPU shaders: ${text}`;
  if (text.startsWith('Finish loading')) return `Ready: ${text}`;
  return text === '' ? 'Loading…' : text;
}
