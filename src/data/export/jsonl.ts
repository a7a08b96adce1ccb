/** JSONL writing and the per-format line builders behind one switch. */
import type { Dialogue } from '../types';
import { toOpenAIRecord, type ExportOptions } from './openai';
import { toShareGPTRecord } from './sharegpt';

/** The export formats. */
export type ExportFormat = 'openai' | 'sharegpt';

/** Every export format, for argument checking. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['openai', 'sharegpt'];

/**
 * Dialogues as JSONL lines in `format`, in input order. Lines are plain `JSON.stringify` of
 * objects built in a fixed key order, so equal input gives byte-equal output. Dialogues the
 * format cannot express (see `toShareGPTRecord`) are skipped and counted in `skipped`.
 */
export function toJsonlLines(
  dialogues: readonly Dialogue[],
  format: ExportFormat,
  options: ExportOptions = {},
): { lines: string[]; skipped: number } {
  const lines: string[] = [];
  let skipped = 0;
  for (const dialogue of dialogues) {
    const record = format === 'openai' ? toOpenAIRecord(dialogue, options) : toShareGPTRecord(dialogue, options.secretsRemoved);
    if (record === undefined) skipped++;
    else lines.push(JSON.stringify(record));
  }
  return { lines, skipped };
}

/** Lines joined as a JSONL file: one record per line, newline-terminated (empty for no lines). */
export function joinJsonl(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
