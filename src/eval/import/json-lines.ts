import { DatasetError } from '../validate';

/** One parsed record and where it came from (1-based line; for a JSON array file, the item index + 1). */
export interface JsonRecord {
  line: number;
  value: unknown;
}

/**
 * Reads JSONL (blank lines skipped), or one JSON array of records (some MSAgent-Bench copies are
 * saved that way). A line that is not JSON is an error naming the line.
 */
export function readJsonRecords(text: string): JsonRecord[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new DatasetError(`the file starts with "[" but is not a JSON array: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new DatasetError('expected a JSON array of records');
    return parsed.map((value, index) => ({ line: index + 1, value }));
  }
  const records: JsonRecord[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, index) => {
    const source = raw.trim();
    if (source === '') return;
    try {
      records.push({ line: index + 1, value: JSON.parse(source) });
    } catch (error) {
      throw new DatasetError(`not valid JSON (${(error as Error).message})`, index + 1);
    }
  });
  return records;
}
